import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'js-yaml';

/**
 * The input of the first step of an action example, with `${{ ... }}` expressions replaced
 * by the values a test gives for them.
 */
export function exampleInput(
  example: TemplateExample,
  expressions: Record<string, unknown> = {},
): Record<string, any> {
  const doc = yaml.load(example.example) as {
    steps: Array<{ input?: Record<string, any> }>;
  };
  const input = doc.steps[0].input ?? {};
  return JSON.parse(JSON.stringify(input), (_key, value) => {
    if (typeof value === 'string') {
      const match = /^\$\{\{\s*(.+?)\s*\}\}$/.exec(value);
      if (match) {
        if (!(match[1] in expressions)) {
          throw new Error(
            `The test gives no value for the expression ${match[1]}`,
          );
        }
        return expressions[match[1]];
      }
    }
    return value;
  });
}
