import Holidays from 'date-holidays';
import { describe, expect, it } from 'vitest';
import {
  easterSunday,
  firstWorkingDayOfMonth,
  isWorkingDay,
  nextWorkingDay,
  onOrBeforeWorkingDay,
  swedishDaysOff,
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

  it.each([
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2038, '2038-04-25'], // the latest possible date
    [2285, '2285-03-22'], // the earliest possible date
  ])('Easter Sunday %i is %s', (year, expected) => {
    expect(easterSunday(year)).toBe(expected);
  });

  it.each([
    [2026, '2026-06-19', '2026-06-20', '2026-10-31'], // midsommarafton on its earliest day
    [2027, '2027-06-25', '2027-06-26', '2027-11-06'], // all three on their latest day
  ])('midsommar and alla helgons dag %i', (year, eve, midsummer, allSaints) => {
    expect(swedishDaysOff(year)).toEqual(expect.arrayContaining([eve, midsummer, allSaints]));
  });

  it('has the days off date-holidays lists for Sweden as public or bank, every year 2005–2100', () => {
    // date-holidays (a dev dependency here) is the reference; the bot does not load it (bench/README.md).
    const reference = new Holidays('SE');
    const mismatches: string[] = [];
    for (let year = 2005; year <= 2100; year += 1) {
      const expected = [...new Set(reference.getHolidays(year).filter((day) => day.type === 'public' || day.type === 'bank').map((day) => day.date.slice(0, 10)))].sort();
      const actual = [...new Set(swedishDaysOff(year))].sort(); // Kristi himmelsfärd fell on första maj in 2008
      if (actual.join() !== expected.join()) mismatches.push(`${year}: ${actual.join(' ')} ≠ ${expected.join(' ')}`);
    }
    expect(mismatches).toEqual([]);
  });
});
