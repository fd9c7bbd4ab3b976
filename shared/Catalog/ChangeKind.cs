namespace HubFeed.Catalog;

public enum ChangeKind
{
    Added,
    Changed,
    Withdrawn,
}
