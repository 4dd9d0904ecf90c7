// Loaded by main.ts only when APPLICATIONINSIGHTS_CONNECTION_STRING is set, and before the app's
// own modules so that http and the Azure SDK are instrumented: without it nothing here is loaded.
import { shutdownAzureMonitor, useAzureMonitor } from '@azure/monitor-opentelemetry';

export interface Telemetry {
  /** Sends what is still buffered and stops exporting. */
  shutdown(): Promise<void>;
}

/**
 * Exports incoming requests and the standard metrics (request rate, duration, failures) to
 * Application Insights through OpenTelemetry. A request carries only its route
 * (`/api/messages`), never a body. Outgoing calls are not traced, neither as HTTP nor through the
 * Azure SDK instrumentation: Bot Connector URLs name the conversation, and a 1:1 conversation is
 * a person. Logs stay in stdout (pino is not instrumented), so no user text reaches Application
 * Insights.
 */
export function startTelemetry(connectionString: string): Telemetry {
  const http = { enabled: true, ignoreOutgoingRequestHook: () => true };
  useAzureMonitor({
    azureMonitorExporterOptions: { connectionString },
    enableLiveMetrics: false,
    instrumentationOptions: {
      http,
      azureSdk: { enabled: false },
      mongoDb: { enabled: false },
      mySql: { enabled: false },
      postgreSql: { enabled: false },
      redis: { enabled: false },
      redis4: { enabled: false },
      bunyan: { enabled: false },
      winston: { enabled: false },
    },
  });
  return { shutdown: () => shutdownAzureMonitor() };
}
