// Loaded by main.ts only when APPLICATIONINSIGHTS_CONNECTION_STRING is set, and before the app's
// own modules so that http and the Azure SDK are instrumented: without it nothing here is loaded.
import { shutdownAzureMonitor, useAzureMonitor } from '@azure/monitor-opentelemetry';
import { ProxyTracerProvider, trace, type TracerProvider } from '@opentelemetry/api';
import { logs, NOOP_LOGGER } from '@opentelemetry/api-logs';

/**
 * The Agents SDK's own instrumentation: its spans, metrics and log records carry conversation
 * ids (a 1:1 conversation is a person), so none of it is exported.
 */
const AGENTS_SDK_SCOPE = '@microsoft/agents-telemetry';
const AGENTS_SDK_LOGGER = /^agents:/;
/** AggregationType.DROP of @opentelemetry/sdk-metrics. */
const DROP = 1;

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
    views: [{ meterName: AGENTS_SDK_SCOPE, aggregation: { type: DROP } }],
  });
  withoutAgentsSdkInstrumentation();
  return { shutdown: () => shutdownAzureMonitor() };
}

/** Hands the SDK's tracer and loggers no-op ones (its span events would become messages); everything else gets the real ones. */
function withoutAgentsSdkInstrumentation(): void {
  const tracers = trace.getTracerProvider();
  if (tracers instanceof ProxyTracerProvider) {
    const real: TracerProvider = tracers.getDelegate();
    tracers.setDelegate({
      getTracer: (name, version, options) => (name === AGENTS_SDK_SCOPE ? new ProxyTracerProvider().getTracer(name) : real.getTracer(name, version, options)),
    });
  }
  // Its log records (debug namespaces `agents:…`) too, should its debug output ever be switched on.
  const loggers = logs.getLoggerProvider();
  const realLogger = loggers.getLogger.bind(loggers);
  loggers.getLogger = (name, version, options) => (AGENTS_SDK_LOGGER.test(name) ? NOOP_LOGGER : realLogger(name, version, options));
}
