/**
 * Every report kefu ships, in one list: what a report set over "all reports"
 * folds (a rebuild, the `kefu replay` command, the benchmark, the four-ways
 * property). Reports reading one fold share it: 12 reports, 6 folds.
 */
import { attendanceReport } from './attendance/attendanceReport.js';
import { fairnessReport } from './attendance/fairness.js';
import { liveMonitorReport } from './attendance/liveMonitor.js';
import { queueTimelineReport } from './queue/queueTimelineReport.js';
import type { AnyReportDefinition } from './reportSet.js';
import { salesDaysReport, salesReport } from './sales/salesReport.js';
import { slaReport } from './slaReport.js';
import { overviewChannelsReport, overviewReport } from './workload/overviewReport.js';
import { sessionsReport } from './workload/sessionFigures.js';
import type { WorkloadFoldOptions } from './workload/workloadFold.js';
import { workloadDaysReport, workloadReport } from './workload/workloadReport.js';

export const allReports = (workload: WorkloadFoldOptions = {}): readonly AnyReportDefinition[] => [
  workloadReport(workload),
  workloadDaysReport(workload),
  overviewReport(workload),
  overviewChannelsReport(workload),
  sessionsReport(workload),
  attendanceReport,
  fairnessReport,
  liveMonitorReport,
  salesReport,
  salesDaysReport,
  slaReport,
  queueTimelineReport,
];
