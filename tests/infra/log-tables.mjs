// The Log Analytics tables HubFeed's alerts, workbook and saved search query, with the columns they may
// use, and where those rows come from in the template. One place: observability.test.mjs checks every
// compiled query against this list, and that the template really enables each source.
//
// Schemas: Azure Monitor's table reference, https://learn.microsoft.com/azure/azure-monitor/reference/tables/<table>
// (checked Dec 2026). Not every column of each table is listed; a query may use only what is here.

const APP_COMMON = ['TimeGenerated', 'TenantId', 'Type', '_ResourceId', 'AppRoleName', 'AppRoleInstance', 'AppVersion',
  'OperationId', 'OperationName', 'ParentId', 'SessionId', 'UserId', 'ClientType', 'ClientIP', 'ClientCity',
  'ClientCountryOrRegion', 'ClientStateOrProvince', 'ItemCount', 'Properties', 'Measurements', 'SDKVersion',
  'ResourceGUID', 'IKey', 'SyntheticSource'];

const STORAGE_LOG = ['TimeGenerated', 'AccountName', 'Location', 'Protocol', 'OperationName', 'AuthenticationType',
  'StatusCode', 'StatusText', 'DurationMs', 'ServerLatencyMs', 'Uri', 'CallerIpAddress', 'CorrelationId',
  'SchemaVersion', 'OperationVersion', 'AuthenticationHash', 'RequesterObjectId', 'RequesterTenantId',
  'RequesterAppId', 'RequesterAudience', 'RequesterUpn', 'UserAgentHeader', 'ReferrerHeader', 'ClientRequestId',
  'Etag', 'ResponseBodySize', 'RequestMd5', 'ResponseMd5', 'RequestHeaderSize', 'RequestBodySize',
  'ResponseHeaderSize', 'LastModifiedTime', 'ContentLengthHeader', 'ObjectKey', 'Category', '_ResourceId', 'Type'];

/** Where a table's rows come from: Application Insights (workspace-based) or a diagnostic category on a resource type. */
export const TABLES = Object.freeze({
  AppTraces: { from: { applicationInsights: true }, columns: [...APP_COMMON, 'Message', 'SeverityLevel'] },
  AppMetrics: { from: { applicationInsights: true }, columns: [...APP_COMMON, 'Name', 'Sum', 'Min', 'Max'] },
  AppDependencies: {
    from: { applicationInsights: true },
    columns: [...APP_COMMON, 'Id', 'Name', 'Target', 'DependencyType', 'Data', 'Success', 'ResultCode', 'DurationMs', 'PerformanceBucket'],
  },
  AppRequests: {
    from: { applicationInsights: true },
    columns: [...APP_COMMON, 'Id', 'Name', 'Url', 'Success', 'ResultCode', 'DurationMs', 'PerformanceBucket', 'Source'],
  },
  AppAvailabilityResults: {
    from: { applicationInsights: true },
    columns: [...APP_COMMON, 'Id', 'Name', 'Location', 'Success', 'Message', 'Size', 'DurationMs', 'PerformanceBucket'],
  },
  // Storage resource logs always use resource-specific tables.
  StorageBlobLogs: { from: { type: 'Microsoft.Storage/storageAccounts/blobServices', category: 'StorageRead' }, columns: STORAGE_LOG },
  StorageQueueLogs: { from: { type: 'Microsoft.Storage/storageAccounts/queueServices', category: 'StorageWrite' }, columns: STORAGE_LOG },
  // Front Door Standard/Premium sends its logs in Azure diagnostics mode; the access log's fields:
  // https://learn.microsoft.com/azure/frontdoor/monitor-front-door#access-log
  AzureDiagnostics: {
    from: { type: 'Microsoft.Cdn/profiles', category: 'FrontDoorAccessLog' },
    columns: ['TimeGenerated', 'Category', 'OperationName', 'ResourceId', 'Resource', 'ResourceProvider', 'ResourceType',
      'requestUri_s', 'referer_s', 'httpStatusCode_s', 'httpMethod_s', 'hostName_s', 'clientIp_s', 'userAgent_s',
      'cacheStatus_s', 'timeTaken_s', 'trackingReference_s', 'routingRuleName_s', 'pop_s'],
  },
});
