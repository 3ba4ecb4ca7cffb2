/*
 * Cost: the Cost Impact table (total row, else the sum of its rows), else the Impact
 * Assessment's Cost Impact cell. Extra columns are tolerated; the money column is found by name.
 */
import type { SpecCostItem, SpecDocument } from '../../model/types';
import type { SpecDocumentContext } from '../context';
import type { MdTable } from '../document';
import { parseMoney, type ParsedMoney } from '../money';
import { inlineToText } from '../plainText';
import { stripHtmlComments, toWords } from '../text';
import { IMPACT_KEYS, IMPACT_SECTION_KEYS, impactField } from './impact';

export const COST_SECTIONS = [
  'cost impact',
  'cost',
  'costs',
  'cost estimate',
  'cost estimation',
  'cost analysis',
  'cost breakdown',
  'estimated cost',
  'estimated costs',
  'budget impact',
];

const MONEY_HEADER =
  /\b(monthly|cost|costs|price|amount|delta|spend|usd|eur|gbp|month|annual|yearly)\b/;
const PREFERRED_MONEY_HEADER = /\b(monthly|delta|per month)\b/;
const RESOURCE_HEADER =
  /\b(resource|resources|item|component|service|line item|category)\b/;
const YEARLY_HEADER = /\b(annual|annually|yearly|year|per year)\b/;
const NOTES_HEADER =
  /\b(notes?|comments?|details?|remarks?|assumptions?|description)\b/;
const TOTAL_ROW = /\b(total|net|sum|overall)\b/;
const HEADER_CURRENCY: Array<[RegExp, string]> = [
  [/\busd\b|\$/i, 'USD'],
  [/\beur\b|€/i, 'EUR'],
  [/\bgbp\b|£/i, 'GBP'],
];

function moneyColumn(table: MdTable): number {
  let found = -1;
  for (let i = 1; i < table.headerKeys.length; i++) {
    const key = table.headerKeys[i];
    if (PREFERRED_MONEY_HEADER.test(key)) return i;
    if (found < 0 && MONEY_HEADER.test(key)) found = i;
  }
  return found;
}

function findCostTable(
  ctx: SpecDocumentContext,
): { table: MdTable; column: number } | null {
  const section = ctx.section(...COST_SECTIONS);
  if (section) {
    for (const table of ctx.tablesIn(section)) {
      const column = moneyColumn(table);
      if (column > 0) return { table, column };
    }
  }
  // A cost table outside a cost section: needs both a resource and a money column by name.
  for (const table of ctx.structure.tables) {
    if (!RESOURCE_HEADER.test(table.headerKeys[0] ?? '')) continue;
    const column = moneyColumn(table);
    if (column > 0 && /\b(monthly|cost|delta)\b/.test(table.headerKeys[column]))
      return { table, column };
  }
  return null;
}

export function readCost(ctx: SpecDocumentContext): {
  cost: SpecDocument['cost'];
  line: number | undefined;
} {
  const items: SpecCostItem[] = [];
  let total: ParsedMoney | null = null;
  let totalLine: number | undefined;
  let sum = 0;
  let sumCurrency: string | null = null;
  let allNumbers = true;
  let headerCurrency: string | null = null;
  const found = findCostTable(ctx);
  if (found) {
    const { table, column } = found;
    const header = table.header[column];
    const yearly = YEARLY_HEADER.test(table.headerKeys[column]);
    headerCurrency =
      HEADER_CURRENCY.find(([re]) => re.test(header))?.[1] ?? null;
    const notesColumn = table.headerKeys.findIndex(
      (key, i) => i > 0 && i !== column && NOTES_HEADER.test(key),
    );
    if (table.malformed) {
      ctx.report(
        'warning',
        table.malformed.line,
        'malformed-table',
        `Cost table row has ${table.malformed.cells} cells, the header has ${table.header.length} (a '|' inside a value must be escaped as '\\|')`,
      );
    }
    const rows = table.rows.map(row => {
      const resource = inlineToText(stripHtmlComments(row.cells[0] ?? ''));
      const cell = inlineToText(stripHtmlComments(row.cells[column] ?? ''));
      const money = parseMoney(cell);
      if (money.amount !== null && yearly && money.period === null) {
        money.amount = Math.round((money.amount / 12) * 100) / 100;
      }
      return {
        row,
        resource,
        cell,
        money,
        isTotal: TOTAL_ROW.test(toWords(resource)),
      };
    });
    // The total is the last row named like one that states an amount (or its placeholder): totals
    // close the table, and a resource such as `.NET build agents` or `Net egress` above it is a row.
    const stated = (r: (typeof rows)[number]) =>
      r.money.amount !== null || r.money.placeholder;
    const totalRow =
      rows.filter(r => r.isTotal && stated(r)).pop() ??
      rows.filter(r => r.isTotal).pop();
    for (const current of rows) {
      const { row, resource, cell, money } = current;
      if (money.placeholder) {
        ctx.report(
          'warning',
          row.line,
          'placeholder',
          `Cost of '${
            resource || 'row'
          }' still holds the template placeholder '${cell}'`,
        );
      } else if (money.amount === null && cell !== '') {
        ctx.report(
          'warning',
          row.line,
          'invalid-amount',
          `Cost '${cell}' of '${resource || 'row'}' is not an amount`,
        );
      }
      if (current === totalRow) {
        total = money;
        totalLine = row.line;
        continue;
      }
      if (resource === '' && cell === '') continue;
      if (money.amount === null) allNumbers = false;
      else {
        sum += money.amount;
        sumCurrency = sumCurrency ?? money.currency;
      }
      const notes =
        notesColumn > 0
          ? inlineToText(stripHtmlComments(row.cells[notesColumn] ?? ''))
          : '';
      items.push({
        resource,
        monthly: money.amount,
        notes: notes === '' ? null : notes,
      });
    }
  }
  sum = Math.round(sum * 100) / 100;
  const sumUsable = items.length > 0 && allNumbers;

  if (total && total.amount !== null) {
    if (sumUsable && Math.abs(total.amount - sum) > 0.5) {
      ctx.report(
        'info',
        totalLine!,
        'cost-total-mismatch',
        `Cost total ${total.amount} differs from the sum of the rows ${sum}`,
      );
    }
    return {
      cost: {
        monthlyDelta: total.amount,
        currency: total.currency ?? headerCurrency ?? sumCurrency,
        items,
      },
      line: totalLine,
    };
  }
  if (sumUsable) {
    return {
      cost: {
        monthlyDelta: sum,
        currency: sumCurrency ?? headerCurrency,
        items,
      },
      line: found?.table.line,
    };
  }
  const cell = impactField(ctx, IMPACT_KEYS.cost, IMPACT_SECTION_KEYS.cost);
  if (cell) {
    const text = inlineToText(stripHtmlComments(cell.value));
    const money = parseMoney(text);
    if (money.placeholder) {
      ctx.report(
        'warning',
        cell.line,
        'placeholder',
        `Cost Impact still holds the template placeholder '${text}'`,
      );
    } else if (money.amount !== null) {
      return {
        cost: {
          monthlyDelta: money.amount,
          currency: money.currency ?? sumCurrency ?? headerCurrency,
          items,
        },
        line: cell.line,
      };
    }
  }
  // No delta, but the amounts the table does state keep their currency.
  const tableCurrency =
    sumCurrency ??
    (items.some(i => i.monthly !== null) ? headerCurrency : null);
  return {
    cost: { monthlyDelta: null, currency: tableCurrency, items },
    line: undefined,
  };
}
