using System.ComponentModel.DataAnnotations;

namespace HubFeed.Catalog;

/// <summary>The catalog's tables. Section "HubFeed:Catalog".</summary>
public sealed class CatalogOptions
{
    public const string Section = "HubFeed:Catalog";

    /// <summary>Put before every table name and the run queue's; lets tests (or two instances) share one account. Empty in Azure.</summary>
    [SafeDefault, RegularExpression("^([A-Za-z][A-Za-z0-9]{0,20})?$")] public string TablePrefix { get; set; } = "";
}
