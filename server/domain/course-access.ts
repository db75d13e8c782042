/**
 * Who may see and change a course group's roster (the names and contacts of the people enrolled
 * and waiting, their attendance, their certificates): the group's teachers, whom a coordinator
 * assigned, and coordinators and admins. Any other advisor sees that the group exists (the list
 * has no personal data) but not who is in it (least privilege, #17).
 */
export type StaffRole = 'advisor' | 'coordinator' | 'admin';

/** Coordinators and admins see every roster; they also assign and unassign teachers. */
export function managesCourses(role: StaffRole): boolean {
  return role === 'coordinator' || role === 'admin';
}

/** May this person open the group's roster, export it, mark attendance and print certificates? */
export function mayOpenRoster(role: StaffRole, teachesGroup: boolean): boolean {
  return managesCourses(role) || teachesGroup;
}

/** Who can be assigned as a group's teacher: an active advisor account. */
export function mayTeach(account: { role: StaffRole; active: boolean }): boolean {
  return account.active && account.role === 'advisor';
}
