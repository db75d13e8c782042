/// <reference types="astro/client" />
declare namespace App {
  interface Locals {
    portal?: import('./site/portal-locals.ts').PortalLocals;
  }
}
