using SearchKit.Cli;
using SearchKit.Semantic;

// The semantic tool: the lean host's commands, with the models of SearchKit.Semantic for --embeddings and the
// semantic and hybrid search modes. A model is loaded only when a command asks for one.
return SearchKitApp.RunProcess(args, name => EmbeddingModels.Load(name));
