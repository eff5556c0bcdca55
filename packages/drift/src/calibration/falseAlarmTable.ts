import type { CalibrationTable } from './CalibrationTable.js';
import table from './falseAlarmTable.json' with { type: 'json' };

/**
 * The published calibration table (`falseAlarmTable.json`, written by
 * scripts/calibration/generateFalseAlarmTable.mjs; rendered in CALIBRATION.md).
 */
export const falseAlarmTable: CalibrationTable = table as unknown as CalibrationTable;
