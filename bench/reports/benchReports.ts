/** The reports the `reports` benchmark folds: every report kefu ships (the set folds each distinct projection once). */
import { allReports } from '../../src/projections/reports/allReports.js';
import type { AnyReportDefinition } from '../../src/projections/reports/reportSet.js';

export const BENCH_REPORTS: readonly AnyReportDefinition[] = allReports();
