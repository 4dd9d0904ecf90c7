/**
 * A reader for the subset of Bicep that infra/ uses — declarations with decorators, objects,
 * arrays, `[for x in list: {…}]` loops and strings with interpolation; any other expression is
 * kept as text — and a file model that evaluates what the text alone tells (literals, parameter
 * defaults, variables). No Bicep compiler runs offline; test/unit/infra-drift.test.ts uses this.
 */

export type BicepString = { kind: 'string'; text: string; interpolated: boolean };
export type BicepValue =
  | BicepString
  | { kind: 'object'; props: Map<string, BicepValue> }
  | { kind: 'array'; items: BicepValue[] }
  | { kind: 'loop'; variable: string; source: string; body: BicepValue }
  | { kind: 'expr'; text: string };

export interface Declaration {
  keyword: 'param' | 'var' | 'resource' | 'module' | 'output';
  name: string;
  /** Resource type without its API version, module path, or param/output type. */
  type: string;
  decorators: Map<string, BicepValue>;
  value?: BicepValue;
}

const ESCAPES: Record<string, string> = { "'": "'", '\\': '\\', n: '\n', r: '\r', t: '\t', $: '$' };
const KEYWORDS = ['param', 'var', 'resource', 'module', 'output'];

export class BicepReader {
  pos = 0;
  constructor(private readonly text: string) {}

  declarations(): Declaration[] {
    const result: Declaration[] = [];
    let decorators = new Map<string, BicepValue>();
    for (;;) {
      this.skip(true);
      if (this.pos >= this.text.length) return result;
      if (this.text[this.pos] === '@') {
        this.pos++;
        const name = this.word();
        let argument: BicepValue = { kind: 'expr', text: '' };
        if (this.text[this.pos] === '(') {
          this.pos++;
          argument = this.value();
          this.skip(true);
          this.expect(')');
        }
        decorators.set(name, argument);
        continue;
      }
      const keyword = this.word();
      if (!KEYWORDS.includes(keyword)) {
        this.scan((ch) => ch === '\n'); // targetScope, metadata, import, type …: not needed here
      } else {
        this.skip(false);
        const name = this.word();
        this.skip(false);
        let type = '';
        if (keyword !== 'var') type = this.text[this.pos] === "'" ? this.string().text.split('@')[0]! : this.word();
        this.skip(false);
        if (this.text.startsWith('existing', this.pos)) this.word();
        this.skip(false);
        let value: BicepValue | undefined;
        if (this.text[this.pos] === '=') {
          this.pos++;
          this.skip(false);
          if (/^if\s*\(/.test(this.text.slice(this.pos, this.pos + 4))) {
            this.pos = this.text.indexOf('(', this.pos) + 1;
            this.scan(() => false);
            this.expect(')');
          }
          value = this.value();
        }
        result.push({ keyword: keyword as Declaration['keyword'], name, type, decorators, value });
      }
      decorators = new Map();
    }
  }

  value(): BicepValue {
    this.skip(false);
    if (this.text[this.pos] === '{') return this.object();
    if (this.text[this.pos] === '[') {
      const start = this.pos;
      this.pos++;
      this.skip(true);
      if (!/^for\s/.test(this.text.slice(this.pos, this.pos + 4))) {
        this.pos = start;
        return this.array();
      }
      this.pos += 3;
      this.skip(false);
      const variable = this.word();
      this.skip(false);
      if (this.word() !== 'in') throw new Error(`expected "in" ${this.where()}`);
      const source = this.scan((ch) => ch === ':');
      this.expect(':');
      const body = this.value();
      this.skip(true);
      this.expect(']');
      return { kind: 'loop', variable, source, body };
    }
    const text = this.scan((ch) => ch === '\n' || ch === ',');
    if (text.startsWith("'")) {
      const literal = new BicepReader(text);
      const string = literal.string();
      if (literal.pos === text.length) return string;
    }
    return { kind: 'expr', text };
  }

  string(): BicepString {
    if (this.text.startsWith("'''", this.pos)) {
      const end = this.text.indexOf("'''", this.pos + 3);
      if (end < 0) throw new Error(`unterminated string ${this.where()}`);
      const text = this.text.slice(this.pos + 3, end);
      this.pos = end + 3;
      return { kind: 'string', text, interpolated: false };
    }
    this.expect("'");
    let text = '';
    let interpolated = false;
    for (;;) {
      const ch = this.text[this.pos];
      if (ch === undefined || ch === '\n') throw new Error(`unterminated string ${this.where()}`);
      this.pos++;
      if (ch === "'") return { kind: 'string', text, interpolated };
      if (ch === '\\') {
        const next = this.text[this.pos++] ?? '';
        text += ESCAPES[next] ?? next;
      } else if (ch === '$' && this.text[this.pos] === '{') {
        interpolated = true;
        const start = this.pos - 1;
        this.pos++;
        this.scan(() => false);
        this.expect('}');
        text += this.text.slice(start, this.pos);
      } else {
        text += ch;
      }
    }
  }

  private object(): BicepValue {
    this.expect('{');
    const props = new Map<string, BicepValue>();
    for (;;) {
      this.skip(true, true);
      if (this.text[this.pos] === '}') {
        this.pos++;
        return { kind: 'object', props };
      }
      const key = this.text[this.pos] === "'" ? this.string().text : this.word();
      this.skip(false);
      this.expect(':');
      props.set(key, this.value());
    }
  }

  private array(): BicepValue {
    this.expect('[');
    const items: BicepValue[] = [];
    for (;;) {
      this.skip(true, true);
      if (this.text[this.pos] === ']') {
        this.pos++;
        return { kind: 'array', items };
      }
      items.push(this.value());
    }
  }

  /** Reads an expression up to `stop` (or a closing bracket) outside brackets, strings and comments. */
  private scan(stop: (ch: string) => boolean): string {
    const start = this.pos;
    let depth = 0;
    while (this.pos < this.text.length) {
      const ch = this.text[this.pos]!;
      if (ch === "'") {
        this.string();
        continue;
      }
      if (ch === '/' && this.text[this.pos + 1] === '/' && depth === 0) break;
      if (depth === 0 && stop(ch)) break;
      if ('([{'.includes(ch)) depth++;
      if (')]}'.includes(ch)) {
        if (depth === 0) break;
        depth--;
      }
      this.pos++;
    }
    return this.text.slice(start, this.pos).trim();
  }

  private skip(newlines: boolean, commas = false): void {
    for (;;) {
      const ch = this.text[this.pos];
      if (ch === ' ' || ch === '\t' || (newlines && ch === '\n') || (commas && ch === ',')) this.pos++;
      else if (this.text.startsWith('//', this.pos)) this.pos = this.text.indexOf('\n', this.pos) < 0 ? this.text.length : this.text.indexOf('\n', this.pos);
      else if (this.text.startsWith('/*', this.pos)) this.pos = this.text.indexOf('*/', this.pos) + 2;
      else return;
    }
  }

  private word(): string {
    const match = /^[A-Za-z_][\w]*/.exec(this.text.slice(this.pos, this.pos + 200));
    if (!match) throw new Error(`expected a name ${this.where()}`);
    this.pos += match[0].length;
    return match[0];
  }

  private expect(ch: string): void {
    if (this.text[this.pos] !== ch) throw new Error(`expected ${ch} ${this.where()}`);
    this.pos++;
  }

  private where(): string {
    return `at line ${this.text.slice(0, this.pos).split('\n').length}: ${JSON.stringify(this.text.slice(this.pos, this.pos + 40))}`;
  }
}

export class BicepFile {
  readonly declarations: Declaration[];
  constructor(readonly path: string, text: string) {
    this.declarations = new BicepReader(text.replace(/\r\n/g, '\n')).declarations();
  }

  find(keyword: Declaration['keyword'], name: string): Declaration | undefined {
    return this.declarations.find((declaration) => declaration.keyword === keyword && declaration.name === name);
  }

  resources(type: string): Declaration[] {
    return this.declarations.filter((declaration) => declaration.keyword === 'resource' && declaration.type === type);
  }

  /** The text a value stands for when the Bicep alone tells it: literals, parameter defaults, variables. */
  evaluate(value: BicepValue | undefined): string | undefined {
    if (!value) return undefined;
    if (value.kind === 'string') {
      if (!value.interpolated) return value.text;
      const rendered = this.render(value);
      return rendered.includes('${') ? undefined : rendered;
    }
    if (value.kind !== 'expr') return undefined;
    const text = value.text;
    if (/^(-?\d+|true|false)$/.test(text)) return text;
    const call = /^string\((.+)\)$/.exec(text);
    if (call) return this.evaluate({ kind: 'expr', text: call[1]! });
    const named = this.find('param', text) ?? this.find('var', text);
    if (named) return this.evaluate(named.value);
    const resourceName = /^(\w+)\.name$/.exec(text);
    const resource = resourceName && this.find('resource', resourceName[1]!);
    return resource ? this.evaluate(prop(resource.value, 'name')) : undefined;
  }

  /** A string with every interpolation it can evaluate filled in, the others left as `${…}`. */
  render(value: BicepValue | undefined): string {
    if (value?.kind === 'expr')
      return this.evaluate(value) ?? value.text.replace(/\b[A-Za-z_]\w*\b/g, (name) => this.evaluate({ kind: 'expr', text: name }) ?? name);
    if (value?.kind !== 'string') return '';
    return value.text.replace(/\$\{((?:[^{}']|'[^']*')*)\}/g, (whole, inner: string) => this.evaluate(new BicepReader(inner).value()) ?? whole);
  }

  /** The strings a list stands for (a literal array, or a variable or parameter holding one). */
  list(value: BicepValue | undefined): string[] | undefined {
    if (value?.kind === 'expr') return this.list((this.find('var', value.text) ?? this.find('param', value.text))?.value);
    if (value?.kind !== 'array') return undefined;
    const items = value.items.map((item) => this.evaluate(item));
    return items.every((item): item is string => item !== undefined) ? items : undefined;
  }

  /** Every value a location may take: the literal, or a parameter's @allowed list (undefined = unrestricted). */
  possibleValues(value: BicepValue | undefined): string[] | undefined {
    if (value?.kind === 'string' && !value.interpolated) return [value.text];
    const param = value?.kind === 'expr' ? this.find('param', value.text) : undefined;
    if (!param) return undefined;
    const allowed = this.list(param.decorators.get('allowed'));
    const fallback = this.evaluate(param.value);
    return allowed && (fallback === undefined || allowed.includes(fallback)) ? allowed : undefined;
  }
}

export function prop(value: BicepValue | undefined, path: string): BicepValue | undefined {
  let current = value?.kind === 'loop' ? value.body : value;
  for (const key of path.split('.')) current = current?.kind === 'object' ? current.props.get(key) : undefined;
  return current;
}

export const exprText = (value: BicepValue | undefined) => (value?.kind === 'expr' ? value.text : undefined);
