using SearchKit.Cli;

// The lean tool: keyword search on the embedded index. The other tool packages' entry points pass what they add.
return SearchKitApp.RunProcess(args, HostExtensions.None);
