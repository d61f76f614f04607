using System.Text;
using SearchKit.Articles;
using SearchKit.Indexing;

namespace SearchKit.Tests.Indexing;

public sealed class IndexStreamTests
{
    /// <summary>Gives its text, then blocks as a pipe with a quiet writer does, until released.</summary>
    private sealed class StallingStream(byte[] first) : Stream
    {
        private readonly ManualResetEventSlim _release = new();
        private int _position;

        public ManualResetEventSlim Stalled { get; } = new();

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_position < first.Length)
            {
                int n = Math.Min(count, first.Length - _position);
                Array.Copy(first, _position, buffer, offset, n);
                _position += n;
                return n;
            }

            Stalled.Set();
            _release.Wait();
            return 0;
        }

        public void Release() => _release.Set();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    [Fact]
    public void IndexStream_ShouldIndexLinesAndNameBadOnesBySourceAndLine()
    {
        using var index = SearchIndex.CreateInMemory();
        var text = "{\"id\":\"a\",\"title\":\"Alpha\",\"text\":\"One.\"}\n{\"title\":\"Beta\",\"text\":\"Two.\"}\n[1]\n";

        var report = index.IndexStream(new MemoryStream(Encoding.UTF8.GetBytes(text)), "feed", "p");

        Assert.Equal(2, report.Added);
        var failure = Assert.Single(report.Failures);
        Assert.Equal("feed", failure.Source);
        Assert.Equal(3, failure.Line);
        Assert.Equal("Beta", index.Get("p#2")!.Title);
        Assert.Null(index.Get("a")!.Metadata.SourcePath);
    }

    [Fact]
    public void IndexStream_ArticleOverALimit_ShouldBeAFailureNamedByTheLine()
    {
        using var index = SearchIndex.CreateInMemory(new SearchIndexOptions { ReaderLimits = new ReaderLimits { MaxParagraphs = 1 } });
        var text = "{\"id\":\"a\",\"title\":\"T\",\"paragraphs\":[\"x\",\"y\"]}\n";

        var report = index.IndexStream(new MemoryStream(Encoding.UTF8.GetBytes(text)), "feed");

        var failure = Assert.Single(report.Failures);
        Assert.Equal(1, failure.Line);
        Assert.Equal(0, report.Added);
    }

    [Fact]
    public async Task IndexStream_CancelledWhileTheStreamWaits_ShouldEndAndKeepWhatWasRead()
    {
        var folder = Path.Combine(Path.GetTempPath(), "sk-stream-" + Guid.NewGuid().ToString("N"));
        try
        {
            using var index = SearchIndex.Open(folder);
            using var stream = new StallingStream(Encoding.UTF8.GetBytes("{\"id\":\"a\",\"title\":\"Alpha\",\"text\":\"One.\"}\n"));
            using var cancellation = new CancellationTokenSource();

            // Committing after every article, the first one is searchable while the stream still waits.
            var options = new IndexingOptions { CommitEveryArticles = 1 };
            var run = Task.Run(() => index.IndexStream(stream, "feed", options: options, cancellation: cancellation.Token));
            Assert.True(stream.Stalled.Wait(TimeSpan.FromSeconds(30)), "the stream was never read to its stall");
            for (int i = 0; i < 300 && index.Get("a") is null; i++)
            {
                await Task.Delay(100);
            }

            Assert.NotNull(index.Get("a"));
            cancellation.Cancel();
            bool ended = await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(30))) == run;
            stream.Release();

            Assert.True(ended, "the run did not end on cancellation while the stream was blocked");
            Assert.True((await run).Cancelled);
            Assert.Equal("Alpha", index.Get("a")!.Title);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
