// Optional (enableFrontDoor): Azure Front Door (Standard or Premium) in front of the content
// account's public `feeds` container, cached and compressed; the /api/* route to the Function app
// is added by frontdoor-api.bicep once the app exists (the app needs this profile's id first).
//
// A WAF policy in Prevention mode covers the whole endpoint: a per-client (socket address) rate
// limit on /api/* (the anonymous API), and on Premium the managed Default Rule Set and Bot Manager
// rule set (Standard allows custom rules only). Access, health-probe and WAF logs go to Log
// Analytics.
//
// Blob storage answers CORS only when the request carries an Origin header, so a cached response
// fetched without one would lack Access-Control-Allow-Origin. The rule set below adds the CORS
// headers at the edge on every response (cache hit or miss) for the allowed origins.

param profileName string
param endpointName string
param wafPolicyName string
param tags object

@description('Standard: custom WAF rules only. Premium: also the managed Default Rule Set and Bot Manager rules.')
@allowed([
  'Standard_AzureFrontDoor'
  'Premium_AzureFrontDoor'
])
param sku string = 'Standard_AzureFrontDoor'

@minValue(10)
@maxValue(5000)
@description('Requests per minute one client (socket address) may send to /api/* before the WAF blocks it.')
param apiRateLimitPerMinute int = 120

@description('Resource id of the Log Analytics workspace every diagnostic setting sends to.')
param logAnalyticsWorkspaceId string

@description('Host name of the content account\'s blob endpoint, e.g. stfeedxyz.blob.core.windows.net.')
param originHostName string

@description('Public container (the route serves /<container>/*).')
param containerName string

@description('Origins allowed to fetch the feeds from a browser. [\'*\'] allows any site.')
param allowedEmbeddingOrigins string[]

var allowAnyOrigin = contains(allowedEmbeddingOrigins, '*')

var exposedHeaders = 'ETag, Content-Length, Content-Type, Last-Modified'

var contentTypesToCompress = [
  'application/feed+json'
  'application/json'
  'application/atom+xml'
  'application/xml'
  'application/javascript'
  'text/javascript'
  'text/html'
  'text/css'
  'text/plain'
  'text/xml'
  'image/svg+xml'
]

resource profile 'Microsoft.Cdn/profiles@2026-10-01' = {
  name: profileName
  location: 'global'
  tags: tags
  sku: {
    name: sku
  }
}

var managedRuleSets = sku == 'Premium_AzureFrontDoor'
  ? [
      {
        ruleSetType: 'Microsoft_DefaultRuleSet'
        ruleSetVersion: '2.1'
        ruleSetAction: 'Block'
      }
      {
        ruleSetType: 'Microsoft_BotManagerRuleSet'
        ruleSetVersion: '1.1'
        ruleSetAction: 'Block'
      }
    ]
  : []

resource wafPolicy 'Microsoft.Network/FrontDoorWebApplicationFirewallPolicies@2026-04-01' = {
  name: wafPolicyName
  location: 'Global'
  tags: tags
  sku: {
    name: sku
  }
  properties: {
    policySettings: {
      enabledState: 'Enabled'
      mode: 'Prevention'
      requestBodyCheck: 'Enabled'
    }
    customRules: {
      rules: [
        {
          name: 'RateLimitApiPerClient'
          enabledState: 'Enabled'
          priority: 100
          ruleType: 'RateLimitRule'
          rateLimitDurationInMinutes: 1
          rateLimitThreshold: apiRateLimitPerMinute
          groupBy: [
            {
              variableName: 'SocketAddr'
            }
          ]
          matchConditions: [
            {
              matchVariable: 'RequestUri'
              operator: 'Contains'
              negateCondition: false
              matchValue: [
                '/api/'
              ]
              transforms: [
                'Lowercase'
              ]
            }
          ]
          action: 'Block'
        }
      ]
    }
    managedRules: {
      managedRuleSets: managedRuleSets
    }
  }
}

resource endpoint 'Microsoft.Cdn/profiles/afdEndpoints@2026-10-01' = {
  parent: profile
  name: endpointName
  location: 'global'
  tags: tags
  properties: {
    enabledState: 'Enabled'
  }
}

resource securityPolicy 'Microsoft.Cdn/profiles/securityPolicies@2026-10-01' = {
  parent: profile
  name: 'waf'
  properties: {
    parameters: {
      type: 'WebApplicationFirewall'
      wafPolicy: {
        id: wafPolicy.id
      }
      associations: [
        {
          domains: [
            {
              id: endpoint.id
            }
          ]
          patternsToMatch: [
            '/*'
          ]
        }
      ]
    }
  }
}

resource originGroup 'Microsoft.Cdn/profiles/originGroups@2026-10-01' = {
  parent: profile
  name: 'content'
  properties: {
    loadBalancingSettings: {
      sampleSize: 4
      successfulSamplesRequired: 3
      additionalLatencyInMilliseconds: 50
    }
    // One origin: health probes would only add traffic.
    sessionAffinityState: 'Disabled'
  }
}

resource origin 'Microsoft.Cdn/profiles/originGroups/origins@2026-10-01' = {
  parent: originGroup
  name: 'content-blob'
  properties: {
    hostName: originHostName
    originHostHeader: originHostName
    httpPort: 80
    httpsPort: 443
    priority: 1
    weight: 1000
    enabledState: 'Enabled'
    enforceCertificateNameCheck: true
  }
}

resource corsRules 'Microsoft.Cdn/profiles/ruleSets@2026-10-01' = {
  parent: profile
  name: 'cors'
}

resource anyOriginRule 'Microsoft.Cdn/profiles/ruleSets/rules@2026-10-01' = if (allowAnyOrigin) {
  parent: corsRules
  name: 'anyOrigin'
  properties: {
    order: 1
    conditions: []
    actions: [
      {
        name: 'ModifyResponseHeader'
        parameters: {
          typeName: 'DeliveryRuleHeaderActionParameters'
          headerAction: 'Overwrite'
          headerName: 'Access-Control-Allow-Origin'
          value: '*'
        }
      }
      {
        name: 'ModifyResponseHeader'
        parameters: {
          typeName: 'DeliveryRuleHeaderActionParameters'
          headerAction: 'Overwrite'
          headerName: 'Access-Control-Expose-Headers'
          value: exposedHeaders
        }
      }
    ]
    matchProcessingBehavior: 'Continue'
  }
}

resource originRules 'Microsoft.Cdn/profiles/ruleSets/rules@2026-10-01' = [
  for (allowed, i) in (allowAnyOrigin ? [] : allowedEmbeddingOrigins): {
    parent: corsRules
    name: 'origin${i}'
    properties: {
      order: i + 1
      conditions: [
        {
          name: 'RequestHeader'
          parameters: {
            typeName: 'DeliveryRuleRequestHeaderConditionParameters'
            selector: 'Origin'
            operator: 'Equal'
            negateCondition: false
            matchValues: [
              toLower(allowed)
            ]
            transforms: [
              'Lowercase'
            ]
          }
        }
      ]
      actions: [
        {
          name: 'ModifyResponseHeader'
          parameters: {
            typeName: 'DeliveryRuleHeaderActionParameters'
            headerAction: 'Overwrite'
            headerName: 'Access-Control-Allow-Origin'
            value: allowed
          }
        }
        {
          name: 'ModifyResponseHeader'
          parameters: {
            typeName: 'DeliveryRuleHeaderActionParameters'
            headerAction: 'Overwrite'
            headerName: 'Access-Control-Expose-Headers'
            value: exposedHeaders
          }
        }
        {
          name: 'ModifyResponseHeader'
          parameters: {
            typeName: 'DeliveryRuleHeaderActionParameters'
            headerAction: 'Append'
            headerName: 'Vary'
            value: 'Origin'
          }
        }
      ]
      matchProcessingBehavior: 'Continue'
    }
  }
]

resource route 'Microsoft.Cdn/profiles/afdEndpoints/routes@2026-10-01' = {
  parent: endpoint
  name: 'feeds'
  dependsOn: [
    origin // a route needs its origin group to have an origin
    anyOriginRule
    originRules
  ]
  properties: {
    originGroup: {
      id: originGroup.id
    }
    ruleSets: [
      {
        id: corsRules.id
      }
    ]
    supportedProtocols: [
      'Http'
      'Https'
    ]
    httpsRedirect: 'Enabled'
    forwardingProtocol: 'HttpsOnly'
    linkToDefaultDomain: 'Enabled'
    patternsToMatch: [
      '/${containerName}/*'
    ]
    cacheConfiguration: {
      queryStringCachingBehavior: 'UseQueryString'
      compressionSettings: {
        isCompressionEnabled: true
        contentTypesToCompress: contentTypesToCompress
      }
    }
    enabledState: 'Enabled'
  }
}

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: profile
  properties: {
    workspaceId: logAnalyticsWorkspaceId
    logs: [
      {
        category: 'FrontDoorAccessLog'
        enabled: true
      }
      {
        category: 'FrontDoorHealthProbeLog'
        enabled: true
      }
      {
        category: 'FrontDoorWebApplicationFirewallLog'
        enabled: true
      }
    ]
    metrics: [
      {
        category: 'AllMetrics'
        enabled: true
      }
    ]
  }
}

output profileName string = profile.name
output endpointName string = endpoint.name
output frontDoorId string = profile.properties.frontDoorId
output endpointHostName string = endpoint.properties.hostName
output publicBaseUrl string = 'https://${endpoint.properties.hostName}/${containerName}/'
