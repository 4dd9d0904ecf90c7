import { describe, expect, it } from 'vitest';
import {
  firstWorkingDayOfMonth,
  isWorkingDay,
  nextWorkingDay,
  onOrBeforeWorkingDay,
  workingDaysBefore,
} from '../../src/domain/calendar/working-days';

describe('Swedish working days', () => {
  it.each([
    ['2026-12-01', true, 'Tuesday'],
    ['2026-12-05', false, 'Saturday'],
    ['2026-12-06', false, 'Sunday'],
    ['2026-01-01', false, 'nyårsdagen'],
    ['2026-01-06', false, 'trettondedag jul'],
    ['2026-04-03', false, 'långfredagen'],
    ['2026-04-06', false, 'annandag påsk'],
    ['2026-05-01', false, 'första maj'],
    ['2026-05-14', false, 'Kristi himmelsfärdsdag'],
    ['2026-06-19', false, 'midsommarafton'],
    ['2026-12-24', false, 'julafton'],
    ['2026-12-31', false, 'nyårsafton'],
    ['2026-04-30', true, 'valborgsmässoafton is a working day'],
    ['2026-04-02', true, 'skärtorsdagen is a working day'],
    ['2027-05-06', false, 'Kristi himmelsfärdsdag 2027'],
    ['2026-11-06', true, 'Gustav Adolfsdagen (a flag day, not a holiday)'],
  ])('%s → %s (%s)', (date, expected) => {
    expect(isWorkingDay(date)).toBe(expected);
  });

  it.each([
    ['2026-12', '2026-12-01'],
    ['2026-11', '2026-11-02'], // 1 Nov is a Sunday
    ['2027-01', '2027-01-04'], // nyårsdagen Friday, then the weekend
    ['2026-05', '2026-05-04'], // första maj Friday, then the weekend
    ['2026-08', '2026-08-03'],
  ])('first working day of %s is %s', (month, expected) => {
    expect(firstWorkingDayOfMonth(month)).toBe(expected);
  });

  it.each([
    // date, n, expected
    ['2026-05-20', 5, '2026-05-12'], // across Kristi himmelsfärd (Thu 14 May)
    ['2026-05-15', 1, '2026-05-13'],
    ['2026-12-28', 2, '2026-12-22'], // across jul
    ['2026-12-07', 1, '2026-12-04'], // Monday → Friday
  ])('%s minus %i working days is %s', (date, count, expected) => {
    expect(workingDaysBefore(date, count)).toBe(expected);
  });

  it('finds the working day after a meeting and the working day on or before a date', () => {
    expect(nextWorkingDay('2026-05-13')).toBe('2026-05-15');
    expect(nextWorkingDay('2026-12-23')).toBe('2026-12-28');
    expect(onOrBeforeWorkingDay('2026-12-26')).toBe('2026-12-23');
    expect(onOrBeforeWorkingDay('2026-12-01')).toBe('2026-12-01');
  });
});
