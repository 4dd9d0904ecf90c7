// VBE-stöd in Azure: the bot's web app, its Azure Bot registration for Teams, Cosmos DB, Key Vault
// for the data key and Application Insights. Deploy into an empty resource group:
//   az deployment group create -g <group> -f infra/main.bicep -p infra/main.parameters.json
// infra/README.md walks an administrator from an empty resource group to the bot in Teams.
// test/unit/infra-drift.test.ts keeps the app settings and containers below in step with the code.

// Personal data stays in the EU (GDPR; the district's data protection assessment): every regional
// resource goes to this one region.
@description('Azure region of every regional resource. EU regions only.')
@allowed([
  'swedencentral'
  'northeurope'
  'westeurope'
  'francecentral'
  'germanywestcentral'
  'italynorth'
  'polandcentral'
  'spaincentral'
])
param location string = 'swedencentral'

@description('Lower-case letters and digits; prefixes every resource name.')
@minLength(3)
@maxLength(12)
param baseName string = 'vbestod'

@description('Name of the bot as shown in the Azure portal.')
param botDisplayName string = 'VBE-stöd'

@description('Comma-separated Microsoft Entra object ids of the coordinators (samordnare). Required: production refuses to start without one.')
param coordinatorIds string

@description('Object id of the administrator who sets the data key secret (az ad signed-in-user show --query id -o tsv). Empty: grant "Key Vault Secrets Officer" yourself.')
param secretsOfficerPrincipalId string = ''

@description('The district file (areas, units, contacts) inside the deployed package.')
param districtConfigFile string = '/home/site/wwwroot/config/district.hagersten-alvsjo.yaml'

@description('App Service plan. Always on needs Basic (B1) or higher.')
@allowed([
  'B1'
  'B2'
  'S1'
  'P0v3'
  'P1v3'
])
param appServicePlanSku string = 'B1'

@description('Azure Bot pricing tier; Teams is a standard channel, free on F0.')
@allowed([
  'F0'
  'S1'
])
param botSku string = 'F0'

@description('Name of the Cosmos DB database.')
param cosmosDatabaseName string = 'vbe-stod'

@description('Gallring: months a report or audit entry is kept (at least 13).')
@minValue(13)
@maxValue(120)
param retentionMonths int = 24

@allowed([
  'fatal'
  'error'
  'warn'
  'info'
  'debug'
  'trace'
  'silent'
])
param logLevel string = 'info'

param tags object = {
  application: 'vbe-stod'
}

var suffix = uniqueString(resourceGroup().id)
var dataKeySecretName = 'data-key'
// Built-in role ids (the same in every tenant).
var cosmosDataContributorRoleId = '00000000-0000-0000-0000-000000000002'
var keyVaultSecretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'
var keyVaultSecretsOfficerRoleId = 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'
// One container per store container, all partitioned on /pk. The Cosmos data-plane role cannot
// create containers, so they must exist before the bot starts (src/store/cosmos/cosmos-containers.ts).
var cosmosPartitionKeyPath = '/pk'
var cosmosContainerNames = [
  'reports'
  'settings'
  'rateLimits'
  'leases'
  'audit'
  'outbox'
  'jobRuns'
  'surveyRounds'
  'surveyAnswers'
  'surveyParticipation'
  'surveyAnswerPool'
  'channelMessages'
  'forums'
  'forumMeetings'
  'reporterLinks'
  'activities'
  'activityFollowUps'
  'downloadLinks'
]
// The same command as `npm start` without its prestart build: the package is built before deploy.
// The V8 flags keep the idle memory low (bench/README.md, test/unit/infra-drift.test.ts says why each).
var startCommand = 'node --max-semi-space-size=1 --heap-growing-percent=50 --liftoff-only --no-concurrent-recompilation dist/src/main.js'

// --- Identity: one user-assigned identity for the Bot Framework, Cosmos DB and Key Vault ---------

resource botIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-${baseName}-${suffix}'
  location: location
  tags: tags
}

// --- Cosmos DB (NoSQL, serverless), Entra ID only ----------------------------------------------

resource cosmosAccount 'Microsoft.DocumentDB/databaseAccounts@2024-11-15' = {
  name: 'cosmos-${baseName}-${suffix}'
  location: location
  tags: tags
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    locations: [
      {
        locationName: location
        failoverPriority: 0
        isZoneRedundant: false
      }
    ]
    capabilities: [
      {
        name: 'EnableServerless'
      }
    ]
    consistencyPolicy: {
      defaultConsistencyLevel: 'Session'
    }
    // No account keys: the bot signs in with its managed identity.
    disableLocalAuth: true
    disableKeyBasedMetadataWriteAccess: true
    minimalTlsVersion: 'Tls12'
  }
}

resource cosmosDatabase 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2024-11-15' = {
  parent: cosmosAccount
  name: cosmosDatabaseName
  properties: {
    resource: {
      id: cosmosDatabaseName
    }
  }
}

resource cosmosContainers 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-11-15' = [for containerName in cosmosContainerNames: {
  parent: cosmosDatabase
  name: containerName
  properties: {
    resource: {
      id: containerName
      partitionKey: {
        paths: [
          cosmosPartitionKeyPath
        ]
        kind: 'Hash'
      }
    }
  }
}]

resource cosmosDataContributor 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-11-15' = {
  parent: cosmosAccount
  name: guid(cosmosAccount.id, botIdentity.id, cosmosDataContributorRoleId)
  properties: {
    roleDefinitionId: '${cosmosAccount.id}/sqlRoleDefinitions/${cosmosDataContributorRoleId}'
    principalId: botIdentity.properties.principalId
    scope: cosmosAccount.id
  }
}

// --- Key Vault (RBAC) for the data key ----------------------------------------------------------

resource keyVault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'kv-${take(baseName, 6)}-${take(suffix, 13)}'
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
  }
}

resource keyVaultSecretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(keyVault.id, botIdentity.id, keyVaultSecretsUserRoleId)
  scope: keyVault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUserRoleId)
    principalId: botIdentity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource keyVaultSecretsOfficer 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(secretsOfficerPrincipalId)) {
  name: guid(keyVault.id, secretsOfficerPrincipalId, keyVaultSecretsOfficerRoleId)
  scope: keyVault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsOfficerRoleId)
    principalId: secretsOfficerPrincipalId
  }
}

// --- Monitoring ---------------------------------------------------------------------------------

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    location: location
    baseName: '${baseName}-${suffix}'
    tags: tags
  }
}

// --- App Service (Linux, Node 24 LTS) -----------------------------------------------------------

resource appServicePlan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: 'asp-${baseName}-${suffix}'
  location: location
  tags: tags
  kind: 'linux'
  sku: {
    name: appServicePlanSku
  }
  properties: {
    reserved: true
  }
}

resource webApp 'Microsoft.Web/sites@2023-12-01' = {
  name: 'app-${baseName}-${suffix}'
  location: location
  tags: tags
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${botIdentity.id}': {}
    }
  }
  properties: {
    serverFarmId: appServicePlan.id
    httpsOnly: true
    clientAffinityEnabled: false
    // Key Vault references resolve with the user-assigned identity (there is no system identity).
    keyVaultReferenceIdentity: botIdentity.id
    siteConfig: {
      linuxFxVersion: 'NODE|24-lts'
      appCommandLine: startCommand
      alwaysOn: true
      healthCheckPath: '/healthz'
      http20Enabled: true
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      // Only variables the app reads (src/config/env.ts) plus the few platform settings that
      // test/unit/infra-drift.test.ts lists with their reasons. No keys: Cosmos DB and the Bot
      // Framework use the managed identity, the data key comes from Key Vault.
      appSettings: [
        {
          name: 'NODE_ENV'
          value: 'production'
        }
        {
          name: 'LOG_LEVEL'
          value: logLevel
        }
        {
          name: 'STORE'
          value: 'cosmos'
        }
        {
          name: 'COSMOS_ENDPOINT'
          value: cosmosAccount.properties.documentEndpoint
        }
        {
          name: 'COSMOS_DATABASE'
          value: cosmosDatabase.name
        }
        {
          name: 'AZURE_CLIENT_ID'
          value: botIdentity.properties.clientId
        }
        {
          name: 'MicrosoftAppType'
          value: 'UserAssignedMSI'
        }
        {
          name: 'MicrosoftAppId'
          value: botIdentity.properties.clientId
        }
        {
          name: 'MicrosoftAppTenantId'
          value: tenant().tenantId
        }
        {
          name: 'ALLOWED_TENANT_ID'
          value: tenant().tenantId
        }
        {
          name: 'COORDINATOR_IDS'
          value: coordinatorIds
        }
        {
          name: 'DATA_KEY'
          value: '@Microsoft.KeyVault(SecretUri=${keyVault.properties.vaultUri}secrets/${dataKeySecretName})'
        }
        {
          name: 'DISTRICT_CONFIG'
          value: districtConfigFile
        }
        {
          name: 'RETENTION_MONTHS'
          value: string(retentionMonths)
        }
        {
          name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
          value: monitoring.outputs.connectionString
        }
        {
          // The download links of the lägesbild point here (the web app's own host name).
          name: 'PUBLIC_BASE_URL'
          value: 'https://app-${baseName}-${suffix}.azurewebsites.net'
        }
        {
          name: 'SCM_DO_BUILD_DURING_DEPLOYMENT'
          value: 'false'
        }
      ]
    }
  }
  // The data key reference and the first Cosmos request need the roles in place.
  dependsOn: [
    keyVaultSecretsUser
    cosmosDataContributor
    cosmosContainers
  ]
}

// --- Azure Bot: single tenant, the managed identity as its app, Teams channel -----------------

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: 'bot-${baseName}-${suffix}'
  // The Bot Connector is a global service; see infra/README.md on data residency.
  location: 'global'
  tags: tags
  kind: 'azurebot'
  sku: {
    name: botSku
  }
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${webApp.properties.defaultHostName}/api/messages'
    msaAppType: 'UserAssignedMSI'
    msaAppId: botIdentity.properties.clientId
    msaAppMSIResourceId: botIdentity.id
    msaAppTenantId: tenant().tenantId
    disableLocalAuth: true
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
    }
  }
}

@description('MicrosoftAppId for the Teams app package (the identity\'s client id).')
output botAppId string = botIdentity.properties.clientId
output webAppName string = webApp.name
output webAppHostName string = webApp.properties.defaultHostName
output keyVaultName string = keyVault.name
output dataKeySecretName string = dataKeySecretName
output cosmosAccountName string = cosmosAccount.name
