export {
  FakeMonitoringServer,
  type FakeMonitoringServerOptions,
  type RecordedCall,
  type StoredSeries,
} from './FakeMonitoringServer.js';
