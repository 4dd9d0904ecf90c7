/**
 * The lägesbild as a Word document (docx): the sections of the action plan's own lägesbild —
 * Kartläggning, Lokal lägesbild (with the chart), Enkäten, Samverkan, Aktiviteter och uppföljning,
 * Analys — as real Word headings and tables, so the coordinator edits it like any report. Every
 * figure comes from domain/lagesbild already suppressed; this module only lays it out.
 */
import { changeText } from './names';
import { AlignmentType, Document, HeadingLevel, ImageRun, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { DistrictConfig } from '../config/district';
import { analysisParagraphs, countText } from '../domain/lagesbild/analysis';
import type { CountRow, ForumFigures, Lagesbild, ReportDimension, SurveyFigures } from '../domain/lagesbild/lagesbild';
import { SURVEY_KEY_FIGURES } from '../domain/lagesbild/lagesbild';
import { lastDayOf } from '../domain/lagesbild/period';
import type { Strings } from '../domain/i18n';
import { CHART_HEIGHT, CHART_WIDTH, chartSvg, renderPng } from './chart';

const heading = (text: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel] = HeadingLevel.HEADING_1) => new Paragraph({ text, heading: level });
const paragraph = (text: string, options: { italics?: boolean; bold?: boolean } = {}) => new Paragraph({ children: [new TextRun({ text, ...options })] });

function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>): Table {
  const row = (cells: readonly string[], bold: boolean) =>
    new TableRow({
      tableHeader: bold,
      children: cells.map((text, index) => new TableCell({ children: [new Paragraph({ alignment: index > 0 && !bold ? AlignmentType.RIGHT : AlignmentType.LEFT, children: [new TextRun({ text, bold })] })] })),
    });
  return new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [row(header, true), ...rows.map((cells) => row(cells, false))] });
}

/** The activities table's text is free text: left-aligned in every column. */
function textTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>): Table {
  const row = (cells: readonly string[], bold: boolean) =>
    new TableRow({ tableHeader: bold, children: cells.map((text) => new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold })] })] })) });
  return new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [row(header, true), ...rows.map((cells) => row(cells, false))] });
}

class Layout {
  private readonly l: Strings['lagesbild'];

  constructor(
    private readonly t: Strings,
    private readonly district: DistrictConfig,
    private readonly figures: Lagesbild,
  ) {
    this.l = t.lagesbild;
  }

  private comparedHeader(first: string): string[] {
    const c = this.l.columns;
    return this.figures.comparable ? [first, c.current, c.previous, c.change] : [first, c.current];
  }

  private countCells(row: CountRow): string[] {
    const cells = [countText(this.t, row.current)];
    return this.figures.comparable ? [...cells, row.previous ? countText(this.t, row.previous) : this.l.none, changeText(this.t, row.change)] : cells;
  }

  private numberCells(current: number | null, previous: number | null, format: (value: number) => string = String, withChange = true): string[] {
    const shown = (value: number | null) => (value === null ? this.l.none : format(value));
    if (!this.figures.comparable) return [shown(current)];
    return [shown(current), shown(previous), withChange ? changeText(this.t, current !== null && previous !== null ? current - previous : null) : this.l.none];
  }

  private label(dimension: ReportDimension, key: string): string {
    const o = this.t.options;
    if (dimension === 'environment') return o.environments[key as keyof typeof o.environments] ?? key;
    if (dimension === 'eventType') return o.eventTypes[key as keyof typeof o.eventTypes] ?? key;
    if (dimension === 'placeType') return o.placeTypes[key as keyof typeof o.placeTypes] ?? key;
    return this.district.areas.find((area) => area.id === key)?.name ?? key;
  }

  private unitName(unitId: string): string {
    return this.district.units.find((unit) => unit.id === unitId)?.name ?? unitId;
  }

  intro(generatedOn: string): Array<Paragraph | Table> {
    const { figures, l } = this;
    return [
      new Paragraph({ text: l.title(figures.year), heading: HeadingLevel.TITLE }),
      paragraph(l.draft, { bold: true }),
      paragraph(`${this.district.name}. ${l.period(figures.period.from, lastDayOf(figures.period))}.`),
      paragraph(figures.comparable ? l.comparedWith(figures.previousPeriod.from, lastDayOf(figures.previousPeriod)) : l.firstYear),
      paragraph(l.generated(generatedOn), { italics: true }),
    ];
  }

  sources(): Array<Paragraph | Table> {
    const { figures, l } = this;
    const s = l.sources;
    const previousSurvey = figures.previousSurvey;
    return [
      heading(l.headings.sources),
      paragraph(s.intro),
      table(this.comparedHeader(l.columns.source), [
        [s.reports, ...this.countCells(figures.sources.reports)],
        [s.surveyAnswers, ...this.numberCells(figures.sources.surveyAnswers, previousSurvey?.answered ?? null)],
        [s.responseRate, ...this.numberCells(figures.sources.responseRate, previousSurvey?.responseRate ?? null, l.percent, false)],
        [s.vbeMeetings, ...this.numberCells(figures.sources.vbeMeetings.current, figures.sources.vbeMeetings.previous)],
      ]),
      paragraph(l.suppressionNote, { italics: true }),
    ];
  }

  situation(): Array<Paragraph | Table> {
    const { figures, l } = this;
    const situation = l.situation;
    const png = renderPng(chartSvg(this.t, figures.reports.rows.environment, figures.comparable));
    const dimensionTable = (dimension: ReportDimension, title: string) => [
      heading(title, HeadingLevel.HEADING_2),
      table(this.comparedHeader(situation.dimension[dimension]), [
        ...figures.reports.rows[dimension].map((row) => [this.label(dimension, row.key), ...this.countCells(row)]),
        ...(dimension === 'eventType' ? [] : [[situation.total, ...this.countCells(figures.reports.total)]]),
      ]),
    ];
    const total = figures.reports.total.current;
    return [
      heading(l.headings.situation),
      ...(total.kind === 'exact' && total.value === 0 ? [paragraph(situation.noReports)] : []),
      new Paragraph({
        children: [
          new ImageRun({
            type: 'png',
            data: png,
            transformation: { width: CHART_WIDTH, height: CHART_HEIGHT },
            altText: { name: situation.chartTitle, title: situation.chartTitle, description: situation.chartAlt },
          }),
        ],
      }),
      ...dimensionTable('environment', situation.byEnvironment),
      ...dimensionTable('eventType', situation.byEventType),
      paragraph(situation.severalEventTypes, { italics: true }),
      ...dimensionTable('placeType', situation.byPlaceType),
      ...dimensionTable('area', situation.byArea),
    ];
  }

  survey(): Array<Paragraph | Table> {
    const { figures, l } = this;
    const s = l.survey;
    const current = figures.survey;
    if (!current) return [heading(l.headings.survey), paragraph(s.noRound)];
    const previous = figures.comparable ? figures.previousSurvey : undefined;
    const c = l.columns;
    const header = figures.comparable ? [c.question, c.current, c.previous] : [c.question, c.current];
    const share = (value: number | null | undefined, mean: boolean) => (value === null || value === undefined ? l.none : mean ? l.decimal(value) : l.percent(value));
    const pick = (survey: SurveyFigures | undefined, id: (typeof SURVEY_KEY_FIGURES)[number]) => (survey?.keyFigures ? survey.keyFigures[id] : null);
    const rate = (survey: SurveyFigures | undefined) =>
      survey && survey.answered !== null && survey.invited !== null && survey.responseRate !== null ? `${l.percent(survey.responseRate)} (${s.answered(survey.answered, survey.invited)})` : l.none;
    const out: Array<Paragraph | Table> = [
      heading(l.headings.survey),
      paragraph(s.round(current.year, current.opensOn, current.closedOn)),
      ...(figures.comparable ? [paragraph(previous ? s.previousRound(previous.year, previous.opensOn, previous.closedOn) : s.noPreviousRound)] : []),
      paragraph(s.rules(current.minGroupSize), { italics: true }),
    ];
    const rows: string[][] = [[s.responseRate, rate(current), ...(figures.comparable ? [rate(previous)] : [])]];
    if (current.keyFigures) {
      for (const id of SURVEY_KEY_FIGURES) rows.push([s.keyFigures[id], share(pick(current, id), id === 'q_problem'), ...(figures.comparable ? [share(pick(previous, id), id === 'q_problem')] : [])]);
    }
    out.push(table(header, rows));
    if (!current.keyFigures) {
      out.push(paragraph(s.tooFew(current.minGroupSize)));
      return out;
    }
    out.push(
      heading(s.trainingHeading, HeadingLevel.HEADING_2),
      table([c.unit, c.answers, c.trainingDone], current.trainingByUnit.map((unit) => [this.unitName(unit.unitId), String(unit.answers), share(unit.doneShare, false)])),
    );
    if (current.hiddenUnitIds.length > 0) out.push(paragraph(s.hiddenUnits(current.hiddenUnitIds.map((id) => this.unitName(id)).join(', ')), { italics: true }));
    const needLabel = (value: string) => this.t.survey.options[value as keyof Strings['survey']['options']] ?? value;
    out.push(
      heading(s.needHeading, HeadingLevel.HEADING_2),
      table([c.need, c.count, c.share], (current.trainingNeed ?? []).map((need) => [needLabel(need.value), String(need.count), share(need.share, false)])),
      paragraph(s.needNote, { italics: true }),
    );
    return out;
  }

  forums(): Array<Paragraph | Table> {
    const { figures, l } = this;
    const f = l.forums;
    const { current, previous } = figures.forums;
    if (current.forums === 0 && (previous?.forums ?? 0) === 0) return [heading(l.headings.forums), paragraph(f.noForums)];
    const pick = (key: keyof Pick<ForumFigures, 'forums' | 'meetings' | 'vbeOnAgenda' | 'discussed'>) => this.numberCells(current[key], previous ? previous[key] : null);
    const c = l.columns;
    return [
      heading(l.headings.forums),
      table(this.comparedHeader(''), [
        [f.registered, ...pick('forums')],
        [f.meetings, ...pick('meetings')],
        [f.vbeOnAgenda, ...pick('vbeOnAgenda')],
        [f.discussed, ...pick('discussed')],
        [f.discussedShare, ...this.numberCells(current.discussedShare, previous?.discussedShare ?? null, l.percent, false)],
      ]),
      paragraph(current.flagged.length > 0 ? f.flagged(current.flagged.join(', ')) : f.noneFlagged),
      heading(f.perForum, HeadingLevel.HEADING_2),
      table([c.forum, c.meetings, c.vbeOnAgenda, c.discussed], current.rows.map((row) => [row.name, String(row.meetings), String(row.vbeOnAgenda), String(row.discussed)])),
    ];
  }

  activities(): Array<Paragraph | Table> {
    const { figures, l } = this;
    const a = l.activities;
    const c = l.columns;
    if (figures.activities.length === 0) return [heading(l.headings.activities), paragraph(a.none)];
    return [
      heading(l.headings.activities),
      textTable(
        [c.activity, c.responsible, c.schedule, c.status, c.whatWasDone, c.nextYear],
        figures.activities.map((row) => [row.title, row.responsible, row.schedule, row.status ? this.t.activity.statuses[row.status] : a.noFollowUp, row.whatWasDone ?? '', row.nextYear ?? '']),
      ),
    ];
  }

  analysis(): Paragraph[] {
    const { l } = this;
    return [heading(l.headings.analysis), paragraph(l.draft, { bold: true }), paragraph(l.analysis.intro, { italics: true }), ...analysisParagraphs(this.t, this.figures).map((text) => paragraph(text))];
  }
}

/** The .docx file of a lägesbild, in the language of `t`. */
export async function lagesbildDocx(t: Strings, district: DistrictConfig, figures: Lagesbild, generatedOn: string): Promise<Buffer> {
  const layout = new Layout(t, district, figures);
  const document = new Document({
    creator: 'VBE-stöd',
    title: t.lagesbild.title(figures.year),
    description: t.lagesbild.draft,
    styles: { default: { document: { run: { font: 'Calibri', size: 22 } } } },
    sections: [
      {
        children: [...layout.intro(generatedOn), ...layout.sources(), ...layout.situation(), ...layout.survey(), ...layout.forums(), ...layout.activities(), ...layout.analysis()],
      },
    ],
  });
  return Packer.toBuffer(document);
}
