namespace HubFeed.Catalog;

public enum RunTrigger { Timer, Http, Cli, Queue }
