// Optional (enableFrontDoor): Azure Front Door Standard in front of the content account's public
// `feeds` container. Caches and compresses the text types. Only /feeds/* is routed.
//
// Blob storage answers CORS only when the request carries an Origin header, so a cached response
// fetched without one would lack Access-Control-Allow-Origin. The rule set below adds the CORS
// headers at the edge on every response (cache hit or miss) for the allowed origins.

param profileName string
param endpointName string
param tags object

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

resource profile 'Microsoft.Cdn/profiles@2025-06-01' = {
  name: profileName
  location: 'global'
  tags: tags
  sku: {
    name: 'Standard_AzureFrontDoor'
  }
}

resource endpoint 'Microsoft.Cdn/profiles/afdEndpoints@2025-06-01' = {
  parent: profile
  name: endpointName
  location: 'global'
  tags: tags
  properties: {
    enabledState: 'Enabled'
  }
}

resource originGroup 'Microsoft.Cdn/profiles/originGroups@2025-06-01' = {
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

resource origin 'Microsoft.Cdn/profiles/originGroups/origins@2025-06-01' = {
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

resource corsRules 'Microsoft.Cdn/profiles/ruleSets@2025-06-01' = {
  parent: profile
  name: 'cors'
}

resource anyOriginRule 'Microsoft.Cdn/profiles/ruleSets/rules@2025-06-01' = if (allowAnyOrigin) {
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

resource originRules 'Microsoft.Cdn/profiles/ruleSets/rules@2025-06-01' = [
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

resource route 'Microsoft.Cdn/profiles/afdEndpoints/routes@2025-06-01' = {
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

output profileName string = profile.name
output endpointHostName string = endpoint.properties.hostName
output publicBaseUrl string = 'https://${endpoint.properties.hostName}/${containerName}/'
