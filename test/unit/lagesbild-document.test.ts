import { describe, expect, it } from 'vitest';
import { PNG } from 'pngjs';
import { loadDistrictConfig } from '../../src/config/district';
import { stringsFor } from '../../src/domain/i18n';
import { buildLagesbild } from '../../src/domain/lagesbild/lagesbild';
import { chartSvg } from '../../src/lagesbild/chart';
import { lagesbildDocx } from '../../src/lagesbild/document';
import { PNG_SIGNATURE, readDocx } from '../support/docx';
import { district as goldenDistrict } from '../support/lagesbild-district';

const district = loadDistrictConfig();

describe('the lägesbild Word document', () => {
  const figures = buildLagesbild({
    ...goldenDistrict(),
    activities: [{ title: 'Skolprogram i samtliga grundskolor', responsible: 'Enhetschef, Enheten för ung fritid', schedule: 'Pågående', status: 'on_track', whatWasDone: 'Programmet gavs i alla skolor.', nextYear: 'Fortsätter.' }],
  });

  it('opens as a zip with the body, the chart in word/media, and the section headings as Word headings (sv)', async () => {
    const doc = readDocx(await lagesbildDocx(stringsFor('sv'), district, figures, '2026-11-28'));
    expect(doc.files).toContain('word/document.xml');
    expect(doc.files).toContain('[Content_Types].xml');
    expect(doc.headings).toEqual([
      ['Title', 'Lokal lägesbild 2026'],
      ['Heading1', 'Kartläggning'],
      ['Heading1', 'Lokal lägesbild'],
      ['Heading2', 'Rapporter per miljö'],
      ['Heading2', 'Rapporter per händelsetyp'],
      ['Heading2', 'Rapporter per platstyp'],
      ['Heading2', 'Rapporter per område'],
      ['Heading1', 'Enkäten'],
      ['Heading2', 'Grundutbildning per enhet'],
      ['Heading2', 'Önskad fortbildning'],
      ['Heading1', 'Samverkan'],
      ['Heading2', 'Per forum under perioden'],
      ['Heading1', 'Aktiviteter och uppföljning'],
      ['Heading1', 'Analys'],
    ]);
    const images = Object.values(doc.media);
    expect(images).toHaveLength(1);
    expect([...images[0]!.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    const png = PNG.sync.read(Buffer.from(images[0]!));
    expect([png.width, png.height]).toEqual([1280, 640]);
    expect(doc.xml).toContain('descr="Stapeldiagram: rapporter per miljö under perioden och föregående period."');
  });

  it('holds the figures as table cells: both periods and the change, suppressed as the domain says', async () => {
    const doc = readDocx(await lagesbildDocx(stringsFor('sv'), district, figures, '2026-11-28'));
    expect(doc.rows).toContainEqual(['Underlag', 'Perioden', 'Föregående period', 'Ändring']);
    expect(doc.rows).toContainEqual(['Blanketter för avidentifierad information', '14', '17', '−3']);
    expect(doc.rows).toContainEqual(['Enkätsvar', '15', '4', '+11']);
    expect(doc.rows).toContainEqual(['Forummöten med VBE på dagordningen', '3', '1', '+2']);
    expect(doc.rows).toContainEqual(['Vit makt-miljön/våldsbejakande högerextremism', '11', '≥3', '–']);
    expect(doc.rows).toContainEqual(['Autonoma miljön/vänsterextremism', '0', '1–2', '–']);
    expect(doc.rows).toContainEqual(['Affischering/klistermärken/flygblad', '1–2', '0', '–']);
    expect(doc.rows).toContainEqual(['Älvsjö', '5', '0', '+5']);
    // The survey: only the unit results.ts shows, the others named as hidden.
    expect(doc.rows).toContainEqual(['Svarsfrekvens', '75\u00a0% (15 av 20)', '44\u00a0% (4 av 9)']);
    expect(doc.rows).toContainEqual(['Har gått den webbaserade grundutbildningen', '80\u00a0%', '–']);
    expect(doc.rows.filter((row) => row[0] === 'a' || row[0] === 'b')).toEqual([]);
    expect(doc.rows).toContainEqual(['c', '6', '50\u00a0%']);
    expect(doc.paragraphs).toContain('Visas inte per enhet (för få svar, eller för att de inte ska kunna räknas fram ur totalen): b, a.');
    expect(doc.rows).toContainEqual(['Symboler och kännetecken', '15', '100\u00a0%']);
    expect(doc.rows).toContainEqual(['Trygghetsrådet', '3', '2', '1']);
    expect(doc.paragraphs).toContain('Utan VBE på dagordningen de senaste tre månaderna av perioden: Trygghetsrådet.');
    expect(doc.rows).toContainEqual(['Skolprogram i samtliga grundskolor', 'Enhetschef, Enheten för ung fritid', 'Pågående', 'Pågår enligt plan', 'Programmet gavs i alla skolor.', 'Fortsätter.']);
    // The Analys, marked as a draft.
    const analysis = doc.paragraphs.slice(doc.paragraphs.indexOf('Analys'));
    expect(analysis[1]).toBe('Utkast – granskas av samordnaren');
    expect(analysis).toContain('Under perioden inkom 14 blanketter, en minskning med 3 jämfört med föregående period. 11 av dem rör vit makt-miljön. Den vanligaste händelsetypen är klotter.');
  });

  it('in English, and in the first year without previous columns, saying so', async () => {
    const first = buildLagesbild({ ...goldenDistrict(), hasDataBefore: false });
    const doc = readDocx(await lagesbildDocx(stringsFor('en'), district, first, '2026-11-28'));
    expect(doc.headings.map(([, text]) => text)).toEqual(expect.arrayContaining(['Local situation report 2026', 'Sources', 'Local situation', 'The staff survey', 'Collaboration', 'Activities and follow-up', 'Analysis']));
    expect(doc.rows).toContainEqual(['Source', 'The period']);
    expect(doc.rows).toContainEqual(['De-identified report forms', '14']);
    expect(doc.paragraphs).toContain(stringsFor('en').lagesbild.firstYear);
    expect(doc.paragraphs).toContain(stringsFor('en').lagesbild.activities.none);
    expect(doc.xml).not.toContain('Previous period');
  });

  it('draws the chart without revealing a hidden cell: "1–2" and "≥3" as labels, the text escaped', () => {
    const svg = chartSvg(stringsFor('sv'), figures.reports.rows.environment, true);
    expect(svg).toContain('>≥3<');
    expect(svg).toContain('>1–2<');
    expect(svg).toContain('>11<');
    expect(svg).not.toContain('>15<'); // last year's white power count, withheld
    const evil = chartSvg({ ...stringsFor('sv'), lagesbild: { ...stringsFor('sv').lagesbild, situation: { ...stringsFor('sv').lagesbild.situation, chartTitle: '<script>&' } } }, [], false);
    expect(evil).toContain('&lt;script&gt;&amp;');
  });
});
