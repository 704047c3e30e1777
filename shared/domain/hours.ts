import type { OfficeHours } from './config';

/** Days and hours in pt-BR, shared by the page, the replies and the guidance. */
const WEEKDAY_NAMES: Record<number, string> = {
  1: 'segunda-feira',
  2: 'terça-feira',
  3: 'quarta-feira',
  4: 'quinta-feira',
  5: 'sexta-feira',
  6: 'sábado',
  7: 'domingo',
};

/** "segunda-feira" → "segunda" (the first day of a range reads "de segunda a sexta-feira"). */
function shortDay(day: number): string {
  return (WEEKDAY_NAMES[day] ?? '').replace(/-feira$/, '');
}

function joinPt(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} e ${items[items.length - 1]}`;
}

/**
 * Opening days and hours in pt-BR, from the configuration:
 * `{days:[1..5], open:'09:00', close:'17:00'}` → "segunda a sexta-feira, das 09:00 às 17:00"
 * (", exceto feriados" appended with `exceptHolidays`).
 */
export function describeHours(hours: OfficeHours, options: { exceptHolidays?: boolean } = {}): string {
  const days = [...new Set(hours.days)].sort((a, b) => a - b);
  const first = days[0] as number;
  const last = days[days.length - 1] as number;
  const contiguous = days.length >= 3 && last - first === days.length - 1;
  const dayText = contiguous
    ? `${shortDay(first)} a ${WEEKDAY_NAMES[last]}`
    : joinPt(days.map((d) => WEEKDAY_NAMES[d] ?? ''));
  const holidays = options.exceptHolidays ? ', exceto feriados' : '';
  return `${dayText}, das ${hours.open} às ${hours.close}${holidays}`;
}
