import { fixture } from '../__testUtils__/fixtures';
import { MAX_PLAN_RESOURCES } from './limits';
import { planAction, readTerraformPlan } from './terraformPlan';

const json = (name: string) => JSON.parse(fixture(`evidence/${name}`));
const read = (value: unknown, source = './plan.json') =>
  readTerraformPlan(
    typeof value === 'string' ? value : JSON.stringify(value),
    source,
  );
const reason = (value: unknown) => {
  const result = read(value);
  return 'diagnostic' in result ? result.diagnostic.message : null;
};

describe('readTerraformPlan', () => {
  it('counts creates, updates, deletes and replaces (either order), skipping reads, no-ops and data sources', () => {
    expect(
      readTerraformPlan(fixture('evidence/plan-replace-db.json'), 'plan.json'),
    ).toEqual({
      value: {
        source: 'plan.json',
        create: 1,
        update: 1,
        delete: 1,
        replace: 2,
        resources: [
          {
            address: 'aws_db_instance.payments',
            type: 'aws_db_instance',
            actions: ['delete', 'create'],
            action: 'replace',
          },
          {
            address: 'aws_db_parameter_group.payments',
            type: 'aws_db_parameter_group',
            actions: ['create', 'delete'],
            action: 'replace',
          },
          {
            address: 'aws_security_group_rule.payments_ingress',
            type: 'aws_security_group_rule',
            actions: ['update'],
            action: 'update',
          },
          {
            address: 'module.alarms.aws_cloudwatch_metric_alarm.replica_lag',
            type: 'aws_cloudwatch_metric_alarm',
            actions: ['create'],
            action: 'create',
          },
          {
            address: 'aws_db_snapshot.before_encryption',
            type: 'aws_db_snapshot',
            actions: ['delete'],
            action: 'delete',
          },
        ],
      },
      diagnostics: [],
    });
  });

  it('reads a plan without changes, with a note', () => {
    expect(read(json('plan-no-changes.json'))).toEqual({
      value: {
        source: './plan.json',
        create: 0,
        update: 0,
        delete: 0,
        replace: 0,
        resources: [],
      },
      diagnostics: [
        {
          severity: 'info',
          code: 'plan-without-changes',
          message: 'Plan ./plan.json changes no resources',
        },
      ],
    });
    // Terraform leaves resource_changes out when the configuration has no resources.
    const empty = json('plan-no-changes.json');
    delete empty.resource_changes;
    expect(read(empty)).toHaveProperty(
      'diagnostics.0.code',
      'plan-without-changes',
    );
  });

  it('counts every change of a huge plan and lists the first 500', () => {
    const plan = json('plan-no-changes.json');
    plan.resource_changes = Array.from({ length: 12_345 }, (_, i) => ({
      address: `module.fleet.aws_instance.node[${i}]`,
      mode: 'managed',
      type: 'aws_instance',
      name: 'node',
      index: i,
      change: { actions: i % 5 === 0 ? ['delete'] : ['create'] },
    }));
    const result = read(plan);
    expect(result.value).toMatchObject({
      create: 9_876,
      delete: 2_469,
      omittedResources: 12_345 - MAX_PLAN_RESOURCES,
    });
    expect(result.value?.resources).toHaveLength(MAX_PLAN_RESOURCES);
    expect(result.value?.resources[499].address).toBe(
      'module.fleet.aws_instance.node[499]',
    );
    expect(result).toHaveProperty('diagnostics', [
      {
        severity: 'info',
        code: 'plan-truncated',
        message:
          'Plan ./plan.json changes 12,345 resources; the first 500 are listed, all are counted',
      },
    ]);
  });

  it('reads another format version when the shape fits, with a warning', () => {
    const plan = json('plan-replace-db.json');
    plan.format_version = '2.0';
    expect(read(plan)).toHaveProperty('diagnostics', [
      {
        severity: 'warning',
        code: 'unknown-plan-version',
        message:
          "Plan ./plan.json has format_version '2.0'; it was read as format 1.x",
      },
    ]);
    plan.format_version = '1.0';
    expect(read(plan)).toHaveProperty('diagnostics', []);
    delete plan.format_version;
    expect(read(plan)).toHaveProperty(
      'diagnostics.0.message',
      'Plan ./plan.json states no format_version; it was read as format 1.x',
    );
  });

  it('refuses what is not a plan, saying what it is', () => {
    expect(reason(fixture('evidence/plan-human.txt'))).toBe(
      'Plan ./plan.json cannot be used: it is the human-readable plan output; save the JSON with `terraform show -json plan.tfplan > plan.json`',
    );
    expect(reason('PK\u0003\u0004\u0014\u0000\u0000\u0000tfplan')).toBe(
      'Plan ./plan.json cannot be used: it is a binary plan file (a zip); save the JSON with `terraform show -json plan.tfplan > plan.json`',
    );
    expect(
      reason({
        format_version: '1.0',
        terraform_version: '1.9.8',
        values: { root_module: {} },
      }),
    ).toBe(
      'Plan ./plan.json cannot be used: it is a state (`terraform show -json` without a plan file), not a plan',
    );
    expect(reason(fixture('evidence/infracost-agreeing.json'))).toBe(
      'Plan ./plan.json cannot be used: it is an Infracost output, not a plan (link it as the cost estimate)',
    );
    expect(reason({ format_version: '1.2' })).toBe(
      'Plan ./plan.json cannot be used: it has a format_version but neither resource_changes nor planned_values, so it is not a plan',
    );
    expect(reason({ resource_changes: {} })).toBe(
      'Plan ./plan.json cannot be used: its resource_changes is an object, not a list',
    );
    expect(reason('"plan"')).toBe(
      'Plan ./plan.json cannot be used: it holds a string, not a plan (an object with format_version and resource_changes)',
    );
    expect(reason('{"format_version": "1.2", ')).toMatch(
      /^Plan \.\/plan\.json cannot be used: it is not JSON \(.+\)$/,
    );
  });

  it('refuses a plan that errored', () => {
    const plan = json('plan-replace-db.json');
    plan.errored = true;
    expect(reason(plan)).toBe(
      'Plan ./plan.json cannot be used: the plan errored (errored: true), so its changes are incomplete; fix the plan and save it again',
    );
  });

  it('never throws, whatever the changes hold', () => {
    const result = read({
      format_version: '1.2',
      resource_changes: [
        null,
        7,
        { change: null },
        { change: { actions: 'delete' } },
        {
          change: { actions: [1, 'delete'] },
          type: 'aws_s3_bucket',
          name: 'x',
        },
        { address: 'aws_iam_role.ci', change: { actions: ['forget'] } },
      ],
    });
    expect(result.value).toMatchObject({
      delete: 1,
      resources: [
        {
          address: 'aws_s3_bucket.x',
          type: 'aws_s3_bucket',
          actions: ['delete'],
          action: 'delete',
        },
      ],
    });
  });
});

describe('planAction', () => {
  it.each([
    [['create'], 'create'],
    [['update'], 'update'],
    [['delete'], 'delete'],
    [['delete', 'create'], 'replace'],
    [['create', 'delete'], 'replace'],
    [['no-op'], null],
    [['read'], null],
    [['forget'], null],
    [[], null],
  ])('%j -> %s', (actions, action) => {
    expect(planAction(actions)).toBe(action);
  });
});
