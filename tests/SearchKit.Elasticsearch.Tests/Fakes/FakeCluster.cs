using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace SearchKit.Elasticsearch.Tests.Fakes;

/// <summary>One request the backend sent, as it went over HTTP (after the official client serialised and sent it).</summary>
public sealed record SentRequest(string Method, string Path, string Body)
{
    public JsonNode? Json => string.IsNullOrEmpty(Body) ? null : JsonNode.Parse(Body);
}

/// <summary>
/// An HTTP handler standing in for a cluster: records every request the client sends and answers from a list of
/// rules (method and path prefix → status and body), the first rule that matches and is not used up. Answers carry
/// the headers a real cluster sends (the client checks the product header).
/// </summary>
public sealed class FakeCluster : HttpMessageHandler
{
    private readonly List<Rule> _rules = [];
    private readonly Lock _gate = new();

    public List<SentRequest> Sent { get; } = [];

    /// <summary>A cluster with an existing SearchKit template and index (so opening sends only GETs).</summary>
    public static FakeCluster WithIndex(string index = "news", JsonObject? mappings = null)
    {
        var cluster = new FakeCluster();
        cluster.On("GET", "/_index_template/" + index, 200, new JsonObject
        {
            ["index_templates"] = new JsonArray(new JsonObject
            {
                ["name"] = index,
                ["index_template"] = SearchKit.Elasticsearch.Mapping.IndexTemplate.Build(index),
            }),
        }.ToJsonString());
        cluster.On("GET", $"/{index}/_mapping", 200, new JsonObject { [index] = new JsonObject { ["mappings"] = mappings?.DeepClone() ?? SearchKit.Elasticsearch.Mapping.IndexTemplate.Mappings() } }.ToJsonString());
        return cluster;
    }

    /// <summary>Answers requests whose method is <paramref name="method"/> and path starts with <paramref name="path"/>, <paramref name="times"/> times (0: always).</summary>
    public FakeCluster On(string method, string path, int status, string body, int times = 0)
    {
        lock (_gate)
        {
            _rules.Add(new Rule(method, path, status, body, times));
        }

        return this;
    }

    /// <summary>As <see cref="On"/>, before every earlier rule.</summary>
    public FakeCluster First(string method, string path, int status, string body, int times = 0)
    {
        lock (_gate)
        {
            _rules.Insert(0, new Rule(method, path, status, body, times));
        }

        return this;
    }

    public IReadOnlyList<SentRequest> To(string method, string pathPrefix)
    {
        lock (_gate)
        {
            return [.. Sent.Where(r => r.Method == method && r.Path.StartsWith(pathPrefix, StringComparison.Ordinal))];
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        string body = string.Empty;
        if (request.Content is not null)
        {
            var bytes = await request.Content.ReadAsByteArrayAsync(cancellationToken);
            if (request.Content.Headers.ContentEncoding.Contains("gzip"))
            {
                using var gz = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
                using var plain = new MemoryStream();
                await gz.CopyToAsync(plain, cancellationToken);
                bytes = plain.ToArray();
            }

            body = Encoding.UTF8.GetString(bytes);
        }

        var path = request.RequestUri!.PathAndQuery;
        Rule? rule;
        lock (_gate)
        {
            Sent.Add(new SentRequest(request.Method.Method, path, body));
            rule = _rules.FirstOrDefault(r => r.Method == request.Method.Method && path.StartsWith(r.Path, StringComparison.Ordinal) && r.Left != 0);
            if (rule is not null && rule.Left > 0)
            {
                rule.Left--;
            }
        }

        var (status, text) = rule is null ? (404, """{"error":{"type":"resource_not_found_exception","reason":"no rule in the fake"},"status":404}""") : (rule.Status, rule.Body);
        var response = new HttpResponseMessage((HttpStatusCode)status)
        {
            Content = new StringContent(text, Encoding.UTF8, "application/json"),
            RequestMessage = request,
        };
        response.Headers.Add("X-Elastic-Product", "Elasticsearch");
        return response;
    }

    private sealed class Rule(string method, string path, int status, string body, int times)
    {
        public string Method { get; } = method;

        public string Path { get; } = path;

        public int Status { get; } = status;

        public string Body { get; } = body;

        /// <summary>Answers left; negative: unlimited.</summary>
        public int Left { get; set; } = times == 0 ? -1 : times;
    }
}
