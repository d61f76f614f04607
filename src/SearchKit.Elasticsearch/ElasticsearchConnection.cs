using System.Text;
using System.Text.Json.Nodes;
using Elastic.Clients.Elasticsearch;
using Elastic.Transport;
using HttpMethod = Elastic.Transport.HttpMethod;

namespace SearchKit.Elasticsearch;

/// <summary>
/// Requests to the cluster through the official client's transport (its node pool, authentication, certificate
/// fingerprint check, timeouts): a method, a path and a JSON body SearchKit built, and the status and body back.
/// The bodies are built by SearchKit rather than the client's typed requests so that the bulk lines and the
/// template are the very text the export writes.
/// </summary>
internal sealed class ElasticsearchConnection : IDisposable
{
    private const string NdJson = "application/vnd.elasticsearch+x-ndjson; compatible-with=9";

    private readonly ElasticsearchClient _client;
    private readonly IRequestInvoker _invoker;
    private readonly RequestConfiguration _ndjson = new() { ContentType = NdJson };

    public ElasticsearchConnection(ElasticsearchOptions options, Func<HttpMessageHandler, HttpMessageHandler>? handler = null)
    {
        _invoker = handler is null ? new HttpRequestInvoker() : new HttpRequestInvoker((inner, _) => handler(inner));
        var settings = new ElasticsearchClientSettings(new SingleNodePool(options.Url!), _invoker)
            .RequestTimeout(options.RequestTimeout)
            .EnableHttpCompression(true)

            // SearchKit retries bulk requests itself (with back-off, per article); one attempt per call here.
            .MaximumRetries(0);
        if (options.ApiKey is { } key)
        {
            settings = settings.Authentication(new ApiKey(key));
        }
        else if (options.Username is { } user)
        {
            settings = settings.Authentication(new BasicAuthentication(user, options.Password!));
        }

        if (options.CertificateFingerprint is { } fingerprint)
        {
            settings = settings.CertificateFingerprint(fingerprint);
        }

        _client = new ElasticsearchClient(settings);
    }

    /// <summary>The official client this connection sends through, for applications that want its typed API too.</summary>
    public ElasticsearchClient Client => _client;

    /// <summary>Sends one request; never throws for an HTTP error status (the caller reads it), only for cancellation.</summary>
    public EsResponse Send(string method, string path, JsonNode? body = null, CancellationToken cancellation = default) =>
        Send(method, path, body?.ToJsonString(), ndjson: false, cancellation);

    /// <summary>Sends NDJSON (a <c>_bulk</c> body).</summary>
    public EsResponse SendNdJson(string path, string lines, CancellationToken cancellation = default) =>
        Send("POST", path, lines, ndjson: true, cancellation);

    public void Dispose() => (_invoker as IDisposable)?.Dispose();

    private EsResponse Send(string method, string path, string? body, bool ndjson, CancellationToken cancellation)
    {
        cancellation.ThrowIfCancellationRequested();
        var verb = method switch
        {
            "GET" => HttpMethod.GET,
            "PUT" => HttpMethod.PUT,
            "POST" => HttpMethod.POST,
            "DELETE" => HttpMethod.DELETE,
            "HEAD" => HttpMethod.HEAD,
            _ => throw new ArgumentOutOfRangeException(nameof(method)),
        };
        var data = body is null ? null : PostData.Bytes(Encoding.UTF8.GetBytes(body));
        var response = _client.Transport.RequestAsync<StringResponse>(new EndpointPath(verb, path), data, null, ndjson ? _ndjson : null, cancellation)
            .GetAwaiter().GetResult();
        var details = response.ApiCallDetails;
        return new EsResponse(details.HttpStatusCode ?? 0, response.Body ?? string.Empty, details.OriginalException);
    }
}

/// <summary>One answer of the cluster: the HTTP status (0 when none came), the body, and the failure when the request did not get through.</summary>
internal sealed record EsResponse(int Status, string Body, Exception? Failure)
{
    public bool Ok => Status is >= 200 and < 300;

    public JsonNode? Json()
    {
        if (string.IsNullOrWhiteSpace(Body))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(Body);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
