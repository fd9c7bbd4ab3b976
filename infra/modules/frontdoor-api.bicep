// Optional (enableFrontDoor): the /api/* route of the Front Door endpoint to the Function app, so
// the anonymous API sits behind the WAF (frontdoor.bicep: rate limit per client, managed rules on
// Premium). Deployed after the app, which only accepts requests carrying this profile's id
// (functionapp.bicep), so nobody reaches the API around the WAF. API answers are not cached here:
// the functions set their own Cache-Control and /api/health must stay live.

param profileName string
param endpointName string

@description('Default host name of the Function app, e.g. func-api-xyz.azurewebsites.net.')
param functionAppHostName string

resource profile 'Microsoft.Cdn/profiles@2026-10-01' existing = {
  name: profileName
}

resource endpoint 'Microsoft.Cdn/profiles/afdEndpoints@2026-10-01' existing = {
  parent: profile
  name: endpointName
}

resource originGroup 'Microsoft.Cdn/profiles/originGroups@2026-10-01' = {
  parent: profile
  name: 'api'
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
  name: 'function-app'
  properties: {
    hostName: functionAppHostName
    originHostHeader: functionAppHostName
    httpPort: 80
    httpsPort: 443
    priority: 1
    weight: 1000
    enabledState: 'Enabled'
    enforceCertificateNameCheck: true
  }
}

resource route 'Microsoft.Cdn/profiles/afdEndpoints/routes@2026-10-01' = {
  parent: endpoint
  name: 'api'
  dependsOn: [
    origin // a route needs its origin group to have an origin
  ]
  properties: {
    originGroup: {
      id: originGroup.id
    }
    supportedProtocols: [
      'Https'
    ]
    httpsRedirect: 'Disabled'
    forwardingProtocol: 'HttpsOnly'
    linkToDefaultDomain: 'Enabled'
    patternsToMatch: [
      '/api/*'
    ]
    enabledState: 'Enabled'
  }
}

output apiBaseUrl string = 'https://${endpoint.properties.hostName}/api/'
