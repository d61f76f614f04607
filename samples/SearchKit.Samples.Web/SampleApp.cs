using Microsoft.Extensions.Options;
using SearchKit.Extensions.Hosting;

namespace SearchKit.Samples.Web;

/// <summary>Builds the sample application: SearchKit from configuration, the search API and the page.</summary>
public static class SampleApp
{
    /// <summary>Builds the app; <paramref name="configure"/> may change the builder (tests use it) before it is built.</summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);
        builder.Services.AddSearchKit(builder.Configuration);

        // Relative paths in appsettings.json are relative to the content root: the project folder under
        // 'dotnet run' (so its articles/ folder is the one watched), the app's folder when published.
        var root = builder.Environment.ContentRootPath;
        builder.Services.PostConfigure<SearchKitOptions>(o =>
        {
            o.IndexPath = Resolve(o.IndexPath, root);
            o.WatchFolder = Resolve(o.WatchFolder, root);
        });

        var app = builder.Build();
        app.Use(async (context, next) =>
        {
            // Defence in depth for the page: no inline script, nothing from elsewhere.
            context.Response.Headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";
            context.Response.Headers.XContentTypeOptions = "nosniff";
            await next(context);
        });
        app.Use(async (context, next) =>
        {
            // An index that cannot be used (damaged, missing, locked) is the service being unavailable, said in
            // the API's JSON shape: never an unhandled 500. The message names no server path; the log has it all.
            try
            {
                await next(context);
            }
            catch (SearchKitIndexException e) when (!context.Response.HasStarted)
            {
                context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("SearchKit.Samples.Web").LogError(e, "The index cannot be used");
                context.Response.Clear();
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                await context.Response.WriteAsJsonAsync(new ErrorResponse(Unavailable(e.Problem), null));
            }
        });
        app.MapSearchPage();
        app.MapSearchApi(app.Services.GetRequiredService<IOptions<SearchKitOptions>>().Value);
        return app;
    }

    private static string Unavailable(IndexProblem problem) => problem switch
    {
        IndexProblem.Damaged => "search is unavailable: the index is damaged and must be checked or rebuilt",
        IndexProblem.Missing => "search is unavailable: there is no index yet",
        IndexProblem.Locked => "search is unavailable: the index is locked by another writer",
        _ => "search is unavailable: the index cannot be used",
    };

    private static string? Resolve(string? path, string root) =>
        string.IsNullOrWhiteSpace(path) ? null : Path.GetFullPath(path, root);
}
