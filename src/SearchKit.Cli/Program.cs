using System.Runtime.InteropServices;
using System.Text;
using SearchKit.Cli;

// The whole host runs in SearchKitApp against an injected CliHost; this file only wires it to the real process.
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // The first Ctrl-C asks the running command to stop cleanly (an index run commits what it has);
    // a second one ends the process at once.
    e.Cancel = !cancel.IsCancellationRequested;
    cancel.Cancel();
};

// SIGTERM (a service manager stopping us) gets the same clean stop as Ctrl-C.
using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = !cancel.IsCancellationRequested;
    cancel.Cancel();
});
Console.OutputEncoding = Encoding.UTF8;
return SearchKitApp.Run(args, CliHost.FromProcess(cancel.Token));
