using SearchKit.Samples.Web;

var app = SampleApp.Build(args);
app.Run();

/// <summary>The sample's entry point; public so that tests can host it with <c>WebApplicationFactory</c>.</summary>
public partial class Program;
