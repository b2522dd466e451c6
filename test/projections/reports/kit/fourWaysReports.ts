/**
 * The reports the four-ways property (test/runtime/reportRunner.unit.spec.ts)
 * runs: inline, one-pass rebuild, rebuild in two halves, and exports read back
 * must all give the same rows. Every real report, and the kit's own test reports.
 */
import { allReports } from '../../../../src/projections/reports/allReports.js';
import type { AnyReportDefinition } from '../../../../src/projections/reports/reportSet.js';
import { agentDayReport, channelDayReport, statusReport } from './testReports.js';

export const FOUR_WAYS_REPORTS: readonly AnyReportDefinition[] = [...allReports(), agentDayReport, channelDayReport, statusReport];
