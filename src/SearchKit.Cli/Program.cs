using SearchKit.Cli;

// The lean tool: keyword search only. The semantic build's entry point passes its model loader instead of null.
return SearchKitApp.RunProcess(args, embedders: null);
