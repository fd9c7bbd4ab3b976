// Optional (enablePrivateNetworking): the network the Function app runs in.
//
//   snet-app   delegated to Microsoft.App/environments (Flex Consumption VNet integration): all the
//              app's outbound traffic leaves through it. No default outbound access (a private
//              subnet): internet traffic (the Hub, Entra ID, Application Insights) goes out through
//              a NAT gateway with one static public IP, which the Hub's operators can allowlist.
//   snet-pe    private endpoints: the private account's blob, table and queue services and the
//              content account's blob service, each with its privatelink DNS zone linked to the VNet,
//              so the app resolves the accounts' usual host names to private addresses.
//
// Both subnets have an NSG: the endpoints accept HTTPS from the app subnet only, and neither subnet
// may open management connections (SSH, RDP) outward. NSG and public IP logs go to Log Analytics.

param location string
param tags object

param vnetName string
param natGatewayName string
param publicIpName string
param appNsgName string
param endpointNsgName string
param privateEndpointPrefix string

@description('Address space of the virtual network (a /16 to /23); the two subnets are its first two /24 blocks.')
param addressPrefix string = '10.40.0.0/16'

@description('Resource id of the private storage account (blob, table, queue endpoints).')
param privateStorageAccountId string

@description('Resource id of the content storage account (blob endpoint: the app\'s writes).')
param contentStorageAccountId string

@description('Resource id of the Log Analytics workspace every diagnostic setting sends to.')
param logAnalyticsWorkspaceId string

var appSubnetName = 'snet-app'
var endpointSubnetName = 'snet-pe'
var appSubnetPrefix = cidrSubnet(addressPrefix, 24, 0)
var endpointSubnetPrefix = cidrSubnet(addressPrefix, 24, 1)

// One endpoint per account service the app uses; the DNS zone follows from the service.
var endpoints = [
  {
    name: 'private-blob'
    accountId: privateStorageAccountId
    service: 'blob'
  }
  {
    name: 'private-table'
    accountId: privateStorageAccountId
    service: 'table'
  }
  {
    name: 'private-queue'
    accountId: privateStorageAccountId
    service: 'queue'
  }
  {
    name: 'content-blob'
    accountId: contentStorageAccountId
    service: 'blob'
  }
]
var dnsServices = [
  'blob'
  'table'
  'queue'
]

var denyManagementOutbound = {
  name: 'DenyManagementOutbound'
  properties: {
    description: 'No SSH or RDP from these subnets (lateral movement).'
    priority: 4000
    direction: 'Outbound'
    access: 'Deny'
    protocol: 'Tcp'
    sourceAddressPrefix: '*'
    sourcePortRange: '*'
    destinationAddressPrefix: '*'
    destinationPortRanges: [
      '22'
      '3389'
    ]
  }
}

resource appNsg 'Microsoft.Network/networkSecurityGroups@2026-03-01' = {
  name: appNsgName
  location: location
  tags: tags
  properties: {
    securityRules: [
      denyManagementOutbound
    ]
  }
}

resource endpointNsg 'Microsoft.Network/networkSecurityGroups@2026-03-01' = {
  name: endpointNsgName
  location: location
  tags: tags
  properties: {
    securityRules: [
      {
        name: 'AllowHttpsFromApp'
        properties: {
          description: 'The Function app (its integration subnet) calls the storage endpoints over HTTPS.'
          priority: 100
          direction: 'Inbound'
          access: 'Allow'
          protocol: 'Tcp'
          sourceAddressPrefix: appSubnetPrefix
          sourcePortRange: '*'
          destinationAddressPrefix: endpointSubnetPrefix
          destinationPortRange: '443'
        }
      }
      {
        name: 'DenyOtherVnetInbound'
        properties: {
          description: 'Nothing else in the network reaches the endpoints.'
          priority: 4000
          direction: 'Inbound'
          access: 'Deny'
          protocol: '*'
          sourceAddressPrefix: 'VirtualNetwork'
          sourcePortRange: '*'
          destinationAddressPrefix: '*'
          destinationPortRange: '*'
        }
      }
      denyManagementOutbound
    ]
  }
}

resource publicIp 'Microsoft.Network/publicIPAddresses@2026-03-01' = {
  name: publicIpName
  location: location
  tags: tags
  sku: {
    name: 'Standard'
    tier: 'Regional'
  }
  properties: {
    publicIPAddressVersion: 'IPv4'
    publicIPAllocationMethod: 'Static'
    idleTimeoutInMinutes: 4
  }
}

resource natGateway 'Microsoft.Network/natGateways@2026-03-01' = {
  name: natGatewayName
  location: location
  tags: tags
  sku: {
    name: 'Standard'
  }
  properties: {
    idleTimeoutInMinutes: 4
    publicIpAddresses: [
      {
        id: publicIp.id
      }
    ]
  }
}

resource vnet 'Microsoft.Network/virtualNetworks@2026-03-01' = {
  name: vnetName
  location: location
  tags: tags
  properties: {
    addressSpace: {
      addressPrefixes: [
        addressPrefix
      ]
    }
    subnets: [
      {
        name: appSubnetName
        properties: {
          addressPrefix: appSubnetPrefix
          defaultOutboundAccess: false
          natGateway: {
            id: natGateway.id
          }
          networkSecurityGroup: {
            id: appNsg.id
          }
          delegations: [
            {
              name: 'flex-consumption'
              properties: {
                serviceName: 'Microsoft.App/environments'
              }
            }
          ]
        }
      }
      {
        name: endpointSubnetName
        properties: {
          addressPrefix: endpointSubnetPrefix
          defaultOutboundAccess: false
          networkSecurityGroup: {
            id: endpointNsg.id
          }
          // NSG rules apply to the private endpoints too.
          privateEndpointNetworkPolicies: 'Enabled'
        }
      }
    ]
  }
}

resource dnsZones 'Microsoft.Network/privateDnsZones@2024-06-01' = [
  for service in dnsServices: {
    name: 'privatelink.${service}.${environment().suffixes.storage}'
    location: 'global'
    tags: tags
  }
]

resource dnsLinks 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01' = [
  for (service, i) in dnsServices: {
    parent: dnsZones[i]
    name: vnetName
    location: 'global'
    tags: tags
    properties: {
      registrationEnabled: false
      virtualNetwork: {
        id: vnet.id
      }
    }
  }
]

resource privateEndpoints 'Microsoft.Network/privateEndpoints@2026-03-01' = [
  for endpoint in endpoints: {
    name: '${privateEndpointPrefix}${endpoint.name}'
    location: location
    tags: tags
    properties: {
      subnet: {
        id: '${vnet.id}/subnets/${endpointSubnetName}'
      }
      privateLinkServiceConnections: [
        {
          name: endpoint.name
          properties: {
            privateLinkServiceId: endpoint.accountId
            groupIds: [
              endpoint.service
            ]
          }
        }
      ]
    }
  }
]

resource dnsZoneGroups 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2026-03-01' = [
  for (endpoint, i) in endpoints: {
    parent: privateEndpoints[i]
    name: 'default'
    properties: {
      privateDnsZoneConfigs: [
        {
          name: endpoint.service
          properties: {
            privateDnsZoneId: dnsZones[indexOf(dnsServices, endpoint.service)].id
          }
        }
      ]
    }
  }
]

resource appNsgDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: appNsg
  properties: {
    workspaceId: logAnalyticsWorkspaceId
    logs: [
      {
        category: 'NetworkSecurityGroupEvent'
        enabled: true
      }
      {
        category: 'NetworkSecurityGroupRuleCounter'
        enabled: true
      }
    ]
  }
}

resource endpointNsgDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: endpointNsg
  properties: {
    workspaceId: logAnalyticsWorkspaceId
    logs: [
      {
        category: 'NetworkSecurityGroupEvent'
        enabled: true
      }
      {
        category: 'NetworkSecurityGroupRuleCounter'
        enabled: true
      }
    ]
  }
}

resource publicIpDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: publicIp
  properties: {
    workspaceId: logAnalyticsWorkspaceId
    logs: [
      {
        category: 'DDoSProtectionNotifications'
        enabled: true
      }
      {
        category: 'DDoSMitigationFlowLogs'
        enabled: true
      }
      {
        category: 'DDoSMitigationReports'
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

output vnetId string = vnet.id
output appSubnetId string = '${vnet.id}/subnets/${appSubnetName}'
output outboundIpAddress string = publicIp.properties.ipAddress
