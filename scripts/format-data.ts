/**
 * Writes `locales/<code>/format.json`: the names and patterns `src/i18n/format.ts` falls back on
 * when a runtime has no `Intl` data for a locale (this Chromium has none for Somali and Sorani,
 * many phones lack more). Names are taken from Node's full ICU (so the fallback says exactly what
 * `Intl` says where it has data); the patterns put the day before the month's name everywhere;
 * holiday names, the Kurmanji name and what ICU lacks (Sorani's list) are the project's own
 * translations below. Run `node scripts/format-data.ts` after changing this file; review the diff.
 */
import fs from 'node:fs';
import path from 'node:path';
import { LOCALES, type LocaleInfo } from '../src/i18n/locales.ts';

const REGISTRY: readonly LocaleInfo[] = LOCALES;

/** The languages the portal names: its 16, and the interpreter languages it offers. */
// Languages, not content variants: Easy Finnish is Finnish (its names are Finnish's).
const LANGUAGES = [...REGISTRY.filter((l) => !l.variantOf).map((l) => l.code), 'sq', 'ps', 'prs', 'ti', 'ku', 'kmr'];

/** ICU's locale for the names when the code's own default orders month first. */
const ICU_TAG: Record<string, string> = { en: 'en-GB' };

/** What ICU gets wrong for IHL. Somali's CLDR dates put the month first ("Diseembar 8"); IHL's rule is day first. */
const PATTERN_OVERRIDES: Record<string, Record<string, string>> = {
  so: {
    'pattern.day': '{{weekday}}, {{day}} {{month}}',
    'pattern.date': '{{day}} {{month}} {{year}}',
    'pattern.fullDate': '{{weekday}}, {{day}} {{month}} {{year}}',
    'language.ckb': 'Kurdishka Soraani',
  },
  // ICU has no Sorani list patterns (it answers in English).
  ckb: {
    'pattern.fullDate': '{{weekday}}، {{day}}ی {{month}}ی {{year}}',
    'list.pair': '{{0}} و {{1}}',
    'list.start': '{{0}}، {{1}}',
    'list.middle': '{{0}}، {{1}}',
    'list.end': '{{0}} و {{1}}',
  },
};

/** Kurmanji's name in each locale: ICU names `kmr` as plain "Kurdish", the same as `ku`. */
const KURMANJI: Record<string, string> = {
  fi: 'kurmandži',
  sv: 'kurmanji',
  en: 'Kurmanji',
  ru: 'курманджи',
  uk: 'курманджі',
  ar: 'الكرمانجية',
  fa: 'کرمانجی',
  ckb: 'کورمانجی',
  so: 'Kurmaanji',
  et: 'kurmandži',
  tr: 'Kurmancî',
  zh: '库尔曼吉语',
  es: 'kurmanji',
  fr: 'kurmandji',
  vi: 'Kurmanji',
  th: 'กุรมานจี',
};

const HOLIDAY_KEYS = [
  'newYearsDay',
  'epiphany',
  'goodFriday',
  'easterSunday',
  'easterMonday',
  'mayDay',
  'ascensionDay',
  'pentecost',
  'midsummerEve',
  'midsummerDay',
  'allSaintsDay',
  'independenceDay',
  'christmasEve',
  'christmasDay',
  'boxingDay',
] as const;

/** Holiday names, in HOLIDAY_KEYS' order. fi, sv and en as date-holidays gives them. */
const HOLIDAYS: Record<string, string[]> = {
  fi: [
    'uudenvuodenpäivä',
    'loppiainen',
    'pitkäperjantai',
    'pääsiäispäivä',
    'toinen pääsiäispäivä',
    'vappu',
    'helatorstai',
    'helluntaipäivä',
    'juhannusaatto',
    'juhannuspäivä',
    'pyhäinpäivä',
    'itsenäisyyspäivä',
    'jouluaatto',
    'joulupäivä',
    'tapaninpäivä',
  ],
  sv: [
    'nyårsdagen',
    'trettondedag jul',
    'långfredagen',
    'påskdagen',
    'annandag påsk',
    'första maj',
    'Kristi himmelsfärdsdag',
    'pingstdagen',
    'midsommarafton',
    'midsommardagen',
    'alla helgons dag',
    'självständighetsdagen',
    'julafton',
    'juldagen',
    'annandag jul',
  ],
  en: [
    "New Year's Day",
    'Epiphany',
    'Good Friday',
    'Easter Sunday',
    'Easter Monday',
    'Labour Day',
    'Ascension Day',
    'Pentecost',
    'Midsummer Eve',
    'Midsummer Day',
    "All Saints' Day",
    'Independence Day',
    'Christmas Eve',
    'Christmas Day',
    'Boxing Day',
  ],
  ru: [
    'Новый год',
    'Крещение',
    'Страстная пятница',
    'Пасха',
    'Пасхальный понедельник',
    'Первое мая',
    'Вознесение',
    'Троица',
    'Канун Иванова дня',
    'Иванов день',
    'День всех святых',
    'День независимости',
    'Сочельник',
    'Рождество',
    'День святого Стефана',
  ],
  uk: [
    'Новий рік',
    'Богоявлення',
    'Страсна пʼятниця',
    'Великдень',
    'Великодній понеділок',
    'Перше травня',
    'Вознесіння',
    'Трійця',
    'Переддень Іванового дня',
    'Іванів день',
    'День усіх святих',
    'День незалежності',
    'Святвечір',
    'Різдво',
    'День святого Стефана',
  ],
  ar: [
    'رأس السنة الميلادية',
    'عيد الغطاس',
    'الجمعة العظيمة',
    'عيد الفصح',
    'اثنين الفصح',
    'عيد العمال',
    'عيد الصعود',
    'عيد العنصرة',
    'عشية منتصف الصيف',
    'يوم منتصف الصيف',
    'عيد جميع القديسين',
    'عيد الاستقلال',
    'ليلة عيد الميلاد',
    'عيد الميلاد',
    'ثاني أيام عيد الميلاد',
  ],
  fa: [
    'روز سال نو میلادی',
    'عید ظهور',
    'جمعهٔ نیک',
    'عید پاک',
    'دوشنبهٔ عید پاک',
    'روز کارگر',
    'عید صعود',
    'عید پنطیکاست',
    'شب نیمهٔ تابستان',
    'روز نیمهٔ تابستان',
    'روز همهٔ مقدسین',
    'روز استقلال',
    'شب کریسمس',
    'کریسمس',
    'روز دوم کریسمس',
  ],
  ckb: [
    'ڕۆژی سەری ساڵ',
    'جەژنی دەرکەوتن',
    'هەینیی پیرۆز',
    'جەژنی پاک',
    'دووشەممەی جەژنی پاک',
    'ڕۆژی کرێکاران',
    'جەژنی بەرزبوونەوە',
    'جەژنی پەنجایە',
    'شەوی ناوەڕاستی هاوین',
    'ڕۆژی ناوەڕاستی هاوین',
    'ڕۆژی هەموو پیرۆزەکان',
    'ڕۆژی سەربەخۆیی',
    'شەوی کریسمس',
    'کریسمس',
    'ڕۆژی دووەمی کریسمس',
  ],
  so: [
    'Maalinta Sannadka Cusub',
    'Ciidda Muuqashada',
    'Jimcaha Wanaagsan',
    'Ciidda Iista',
    'Isniinta Iista',
    'Maalinta Shaqaalaha',
    'Maalinta Korista',
    'Bentekoste',
    'Habeenka Badhtamaha Xagaaga',
    'Maalinta Badhtamaha Xagaaga',
    'Maalinta Awliyada Oo Dhan',
    'Maalinta Xorriyadda',
    'Habeenka Kirismaska',
    'Kirismaska',
    'Maalinta Labaad ee Kirismaska',
  ],
  et: [
    'uusaasta',
    'kolmekuningapäev',
    'suur reede',
    'lihavõttepühad',
    'teine lihavõttepüha',
    'maipüha',
    'taevaminemispüha',
    'nelipüha',
    'jaaniõhtu',
    'jaanipäev',
    'pühakutepäev',
    'iseseisvuspäev',
    'jõululaupäev',
    'esimene jõulupüha',
    'teine jõulupüha',
  ],
  tr: [
    'Yılbaşı',
    'Epifani',
    'Kutsal Cuma',
    'Paskalya',
    'Paskalya Pazartesisi',
    'İşçi Bayramı',
    'Göğe Yükseliş Günü',
    'Pentekost',
    'Yaz Ortası Arifesi',
    'Yaz Ortası Günü',
    'Azizler Günü',
    'Bağımsızlık Günü',
    'Noel Arifesi',
    'Noel',
    'Noel’in İkinci Günü',
  ],
  zh: [
    '元旦',
    '主显节',
    '耶稣受难日',
    '复活节',
    '复活节星期一',
    '劳动节',
    '耶稣升天节',
    '圣灵降临节',
    '仲夏节前夕',
    '仲夏节',
    '诸圣节',
    '独立日',
    '平安夜',
    '圣诞节',
    '节礼日',
  ],
  es: [
    'Año Nuevo',
    'Epifanía',
    'Viernes Santo',
    'Domingo de Pascua',
    'Lunes de Pascua',
    'Día del Trabajo',
    'Día de la Ascensión',
    'Pentecostés',
    'Víspera de San Juan',
    'Día de San Juan',
    'Día de Todos los Santos',
    'Día de la Independencia',
    'Nochebuena',
    'Navidad',
    'San Esteban',
  ],
  fr: [
    'Jour de l’An',
    'Épiphanie',
    'Vendredi saint',
    'Pâques',
    'Lundi de Pâques',
    'Fête du Travail',
    'Ascension',
    'Pentecôte',
    'Veille de la Saint-Jean',
    'Saint-Jean',
    'Toussaint',
    'Fête de l’indépendance',
    'Veille de Noël',
    'Noël',
    'Saint-Étienne',
  ],
  vi: [
    'Tết Dương lịch',
    'Lễ Hiển Linh',
    'Thứ Sáu Tuần Thánh',
    'Lễ Phục Sinh',
    'Thứ Hai Phục Sinh',
    'Ngày Quốc tế Lao động',
    'Lễ Thăng Thiên',
    'Lễ Hiện Xuống',
    'Đêm trước Trung Hạ',
    'Ngày Trung Hạ',
    'Lễ Các Thánh',
    'Ngày Độc lập',
    'Đêm Giáng sinh',
    'Lễ Giáng sinh',
    'Ngày lễ tặng quà',
  ],
  th: [
    'วันขึ้นปีใหม่',
    'วันสมโภชพระคริสต์แสดงองค์',
    'วันศุกร์ประเสริฐ',
    'วันอีสเตอร์',
    'วันจันทร์หลังอีสเตอร์',
    'วันแรงงาน',
    'วันเสด็จขึ้นสวรรค์',
    'วันเพนเทคอสต์',
    'วันก่อนวันกลางฤดูร้อน',
    'วันกลางฤดูร้อน',
    'วันสมโภชนักบุญทั้งหลาย',
    'วันประกาศอิสรภาพ',
    'วันคริสต์มาสอีฟ',
    'วันคริสต์มาส',
    'วันบ็อกซิ่ง',
  ],
};

const utc = (m: number, d: number) => new Date(Date.UTC(2024, m - 1, d, 12));
// 2024-01-01 is a Monday.
const MONDAY_FIRST = [1, 2, 3, 4, 5, 6, 7].map((i) => utc(1, i));

function dtf(tag: string, options: Intl.DateTimeFormatOptions) {
  return new Intl.DateTimeFormat(`${tag}-u-ca-gregory-nu-latn`, { ...options, timeZone: 'UTC' });
}
const part = (tag: string, options: Intl.DateTimeFormatOptions, date: Date, type: string) =>
  dtf(tag, options)
    .formatToParts(date)
    .find((p) => p.type === type)!.value;

function pattern(tag: string, options: Intl.DateTimeFormatOptions): string {
  return dtf(tag, options)
    .formatToParts(utc(12, 8))
    .map((p) => (p.type === 'literal' ? p.value : `{{${p.type}}}`))
    .join('');
}

function listPatterns(tag: string): Record<string, string> {
  const f = new Intl.ListFormat(tag, { type: 'conjunction' });
  const between = (s: string, a: string, b: string) => s.slice(s.indexOf(a) + a.length, s.indexOf(b));
  const four = f.format(['X0', 'X1', 'X2', 'X3']);
  return {
    'list.pair': `{{0}}${between(f.format(['X0', 'X1']), 'X0', 'X1')}{{1}}`,
    'list.start': `{{0}}${between(four, 'X0', 'X1')}{{1}}`,
    'list.middle': `{{0}}${between(four, 'X1', 'X2')}{{1}}`,
    'list.end': `{{0}}${between(four, 'X2', 'X3')}{{1}}`,
  };
}

for (const { code, variantOf } of REGISTRY) {
  // A content variant (Easy Finnish) takes its language's words: the weekdays are the same.
  const source = variantOf ?? code;
  const tag = ICU_TAG[source] ?? source;
  const out: Record<string, string> = {};
  MONDAY_FIRST.forEach((d, i) => {
    out[`weekday.${i + 1}`] = part(tag, { weekday: 'long', day: 'numeric', month: 'long' }, d, 'weekday');
  });
  for (let m = 1; m <= 12; m++) {
    out[`month.${m}`] = part(tag, { day: 'numeric', month: 'long' }, utc(m, 8), 'month');
    out[`monthStandalone.${m}`] = part(tag, { month: 'long', year: 'numeric' }, utc(m, 8), 'month');
  }
  out['pattern.day'] = pattern(tag, { weekday: 'long', day: 'numeric', month: 'long' });
  out['pattern.date'] = pattern(tag, { day: 'numeric', month: 'long', year: 'numeric' });
  out['pattern.fullDate'] = pattern(tag, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
  out['pattern.monthYear'] = pattern(tag, { month: 'long', year: 'numeric' }).replace(
    '{{month}}',
    '{{monthStandalone}}',
  );
  out['pattern.dateTime'] = '{{date}} {{time}}';
  Object.assign(out, listPatterns(tag));
  const names = new Intl.DisplayNames([tag], { type: 'language', fallback: 'none' });
  for (const l of LANGUAGES) {
    const own = LOCALES.find((x) => x.code === l);
    out[`language.${l}`] = names.of(l) ?? own?.englishName ?? l;
  }
  out['language.kmr'] = `${out['language.ku']} (${KURMANJI[source]})`;
  Object.assign(out, PATTERN_OVERRIDES[source]);
  HOLIDAY_KEYS.forEach((key, i) => {
    out[`holiday.${key}`] = HOLIDAYS[source]![i]!;
  });
  fs.writeFileSync(path.join('locales', code, 'format.json'), `${JSON.stringify(out, null, 2)}\n`);
}
