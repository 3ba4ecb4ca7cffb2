import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import { InfoCard } from '@backstage/core-components';
import { humanizeEntityRef } from '@backstage/plugin-catalog-react';
import { parseEntityRef } from '@backstage/catalog-model';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import {
  SPEC_STATUSES,
  statusColor,
  type SpecSummary,
} from '@infra-specs/backstage-plugin-infra-specs-common';
import { formatMoney } from '../../lib/money';

const ownerName = (ref: string) => {
  try {
    return humanizeEntityRef(parseEntityRef(ref), { defaultKind: 'group' });
  } catch {
    return ref;
  }
};

/** The portfolio's charts (recharts, loaded with the page's lazy chunk). */
export default function PortfolioCharts(props: { summary: SpecSummary }) {
  const { summary } = props;
  const theme = useTheme();
  const currency = summary.currency;
  const money = (v: number) => formatMoney(v, currency);
  const axis = { fill: theme.palette.text.secondary, fontSize: 12 };
  const statuses = [...SPEC_STATUSES]
    .sort((a, b) => a.order - b.order)
    .filter(s => s.value !== 'unknown' || summary.byStatus.unknown > 0);
  const byStatus = statuses.map(s => ({
    status: s.value,
    label: s.label,
    count: summary.byStatus[s.value] ?? 0,
    cost: summary.monthlyCostDeltaByStatus[s.value] ?? 0,
  }));
  const byOwner = [...summary.monthlyCostDeltaByOwner]
    .sort((a, b) => Math.abs(b.monthlyCostDelta) - Math.abs(a.monthlyCostDelta))
    .slice(0, 10)
    .map(o => ({ owner: ownerName(o.ownerRef), cost: o.monthlyCostDelta }));
  const tooltipStyle = {
    backgroundColor: theme.palette.background.paper,
    border: `1px solid ${theme.palette.divider}`,
    color: theme.palette.text.primary,
  };

  return (
    <Grid container spacing={3}>
      <Grid item xs={12} md={4}>
        <InfoCard
          title="Specs by status"
          subheader={`${summary.total} in total`}
        >
          <ResponsiveContainer width="100%" height={240}>
            <BarChart data={byStatus} layout="vertical" margin={{ left: 24 }}>
              <CartesianGrid strokeDasharray="3 3" horizontal={false} />
              <XAxis type="number" allowDecimals={false} tick={axis} />
              <YAxis type="category" dataKey="label" tick={axis} width={90} />
              <Tooltip
                contentStyle={tooltipStyle}
                cursor={{ fillOpacity: 0.1 }}
              />
              <Bar dataKey="count" name="Specs" isAnimationActive={false}>
                {byStatus.map(d => (
                  <Cell key={d.status} fill={statusColor(d.status)} />
                ))}
              </Bar>
            </BarChart>
          </ResponsiveContainer>
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={4}>
        <InfoCard
          title="Monthly cost delta by status"
          subheader={
            currency ? `in ${currency}` : 'mixed currencies, summed as numbers'
          }
        >
          <ResponsiveContainer width="100%" height={240}>
            <BarChart data={byStatus} layout="vertical" margin={{ left: 24 }}>
              <CartesianGrid strokeDasharray="3 3" horizontal={false} />
              <XAxis type="number" tick={axis} tickFormatter={money} />
              <YAxis type="category" dataKey="label" tick={axis} width={90} />
              <Tooltip
                contentStyle={tooltipStyle}
                formatter={(v: unknown) => money(Number(v))}
                cursor={{ fillOpacity: 0.1 }}
              />
              <Bar
                dataKey="cost"
                name="Monthly delta"
                isAnimationActive={false}
              >
                {byStatus.map(d => (
                  <Cell key={d.status} fill={statusColor(d.status)} />
                ))}
              </Bar>
            </BarChart>
          </ResponsiveContainer>
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={4}>
        <InfoCard
          title="Monthly cost delta by owner"
          subheader="Top 10; negative = savings"
        >
          {byOwner.length === 0 ? (
            <Typography variant="body2" color="textSecondary">
              No cost estimates yet.
            </Typography>
          ) : (
            <ResponsiveContainer width="100%" height={240}>
              <BarChart data={byOwner} layout="vertical" margin={{ left: 24 }}>
                <CartesianGrid strokeDasharray="3 3" horizontal={false} />
                <XAxis type="number" tick={axis} tickFormatter={money} />
                <YAxis
                  type="category"
                  dataKey="owner"
                  tick={axis}
                  width={110}
                />
                <Tooltip
                  contentStyle={tooltipStyle}
                  formatter={(v: unknown) => money(Number(v))}
                  cursor={{ fillOpacity: 0.1 }}
                />
                <Bar
                  dataKey="cost"
                  name="Monthly delta"
                  isAnimationActive={false}
                >
                  {byOwner.map(d => (
                    <Cell
                      key={d.owner}
                      fill={
                        d.cost < 0
                          ? theme.palette.success.main
                          : theme.palette.primary.main
                      }
                    />
                  ))}
                </Bar>
              </BarChart>
            </ResponsiveContainer>
          )}
        </InfoCard>
      </Grid>
    </Grid>
  );
}
