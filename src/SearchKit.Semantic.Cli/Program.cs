using SearchKit.Cli;
using SearchKit.Cli.Cluster;
using SearchKit.Semantic;

// The full tool: the lean host's commands, with the models of SearchKit.Semantic for --embeddings and the semantic and
// hybrid search modes (a model is loaded only when a command asks for one), and the Elasticsearch commands.
return SearchKitApp.RunProcess(args, new HostExtensions { Embedders = name => EmbeddingModels.Load(name), Cluster = new ElasticsearchCommands() });
