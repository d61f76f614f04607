using SearchKit.Cli;
using SearchKit.Cli.Cluster;

// The searchkit tool with the Elasticsearch commands: the lean host's commands, plus index --to, search --from and
// export --format elasticsearch on SearchKit.Elasticsearch and the official client.
return SearchKitApp.RunProcess(args, new HostExtensions { Cluster = new ElasticsearchCommands() });
