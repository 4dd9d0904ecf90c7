import type { SqlParameter, SqlQuerySpec } from '@azure/cosmos';
import { fieldNames, type Condition, type DocumentQuery } from '../document-store';
import { StoreError } from '../store-error';

/**
 * Builds the parameterised Cosmos SQL for the port's queries. Only what both Azure Cosmos DB and
 * the in-process emulator (@vercel/cosmosdb-server) answer is used: WHERE with comparisons,
 * IS_DEFINED / IS_NULL, one ORDER BY field, VALUE COUNT(1). No GROUP BY, OFFSET LIMIT, DISTINCT,
 * LIKE or TOP: paging is done with maxItemCount and continuation tokens instead.
 *
 * Values always travel as parameters; field names are checked against the same rule as the
 * SQLite store (plain dotted identifiers) and then written in bracket notation, so a field named
 * like a keyword (`value`, `order`) cannot break the statement.
 */

/** `state.name` → `c.body["state"]["name"]`; the user's body is nested under `body`. */
export function fieldExpression(field: string): string {
  return `c.body${fieldNames(field)
    .map((name) => `["${name}"]`)
    .join('')}`;
}

type Filter = Pick<DocumentQuery, 'partitionKey' | 'where'>;

function whereClause(query: Filter, parameters: SqlParameter[]): string {
  const clauses: string[] = [];
  if (query.partitionKey !== undefined) {
    parameters.push({ name: '@pk', value: query.partitionKey });
    clauses.push('c.pk = @pk');
  }
  (query.where ?? []).forEach((condition, index) => clauses.push(conditionClause(condition, `@p${index}`, parameters)));
  return clauses.length ? ` WHERE ${clauses.join(' AND ')}` : '';
}

/**
 * Matches the SQLite store's NULL semantics: a missing field and a JSON null both count as null
 * (`json_extract(...) IS NULL`), and neither matches any comparison with a value. Cosmos alone
 * would say `null != 'x'` is true, hence the extra `NOT IS_NULL` on `!=`.
 */
function conditionClause(condition: Condition, name: string, parameters: SqlParameter[]): string {
  const path = fieldExpression(condition.field);
  if (condition.value === null) {
    if (condition.op === '=') return `(NOT IS_DEFINED(${path}) OR IS_NULL(${path}))`;
    if (condition.op === '!=') return `(IS_DEFINED(${path}) AND NOT IS_NULL(${path}))`;
    throw new StoreError('unavailable', 'null only compares with = or !=');
  }
  if (!['=', '!=', '<', '<=', '>', '>='].includes(condition.op)) {
    throw new StoreError('unavailable', `invalid operator: ${String(condition.op)}`);
  }
  parameters.push({ name, value: condition.value });
  if (condition.op === '!=') return `(${path} != ${name} AND NOT IS_NULL(${path}))`;
  return `${path} ${condition.op} ${name}`;
}

export function selectQuery(query: DocumentQuery): SqlQuerySpec {
  const parameters: SqlParameter[] = [];
  let sql = `SELECT * FROM c${whereClause(query, parameters)}`;
  if (query.orderBy) {
    sql += ` ORDER BY ${fieldExpression(query.orderBy.field)} ${query.orderBy.direction === 'desc' ? 'DESC' : 'ASC'}`;
  }
  return { query: sql, parameters };
}

export function countQuery(query: Filter): SqlQuerySpec {
  const parameters: SqlParameter[] = [];
  return { query: `SELECT VALUE COUNT(1) FROM c${whereClause(query, parameters)}`, parameters };
}
