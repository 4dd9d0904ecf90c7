// Log Analytics workspace and workspace-based Application Insights for the bot's OpenTelemetry export.

@description('Azure region; the caller restricts it to the EU.')
param location string

@description('Base name of the resources.')
param baseName string

@description('Days the logs are kept.')
@minValue(30)
@maxValue(730)
param retentionInDays int = 30

param tags object = {}

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: 'log-${baseName}'
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: retentionInDays
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: 'appi-${baseName}'
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    // The bot logs event names and codes, never user text; keep IP addresses out as well.
    DisableIpMasking: false
    RetentionInDays: retentionInDays
  }
}

@description('Application Insights connection string (an ingestion endpoint and key, not a credential to read data).')
output connectionString string = appInsights.properties.ConnectionString
