using System.Diagnostics;
using System.IO.Compression;
using UglyToad.PdfPig.Filters;
using UglyToad.PdfPig.Tokens;

namespace SearchKit.Articles;

/// <summary>
/// What reading one PDF may spend: bytes decoded from its compressed streams and wall time. PdfPig decodes whole
/// streams into memory and has no cancellation, so the budget is checked where it calls back into us (each stream
/// decode, through <see cref="Filters"/>) and by the reader between pages.
/// </summary>
/// <remarks>
/// PdfPig catches some exceptions itself in its lenient paths (a broken font is skipped), so running over the
/// budget is also remembered in <see cref="Exceeded"/>, which the reader checks after every page.
/// </remarks>
internal sealed class PdfReadBudget
{
    private readonly long _maxDecodedBytes;
    private readonly TimeSpan _timeLimit;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _decoded;

    public PdfReadBudget(long maxDecodedBytes, TimeSpan timeLimit)
    {
        _maxDecodedBytes = maxDecodedBytes;
        _timeLimit = timeLimit;
        Filters = new BudgetFilterProvider(this, DefaultFilterProvider.Instance);
    }

    /// <summary>The filters PdfPig decodes streams with: the default ones, each call counted against the budget.</summary>
    public IFilterProvider Filters { get; }

    /// <summary>Why the budget ran out, or null while it has not.</summary>
    public string? Exceeded { get; private set; }

    /// <summary>Throws when the time is up or the budget ran out before.</summary>
    /// <exception cref="PdfBudgetException">The budget is spent.</exception>
    public void Check()
    {
        if (Exceeded is null && _clock.Elapsed > _timeLimit)
        {
            Exceeded = $"reading took longer than the {_timeLimit.TotalSeconds:0.#}-second limit for one PDF";
        }

        if (Exceeded is not null)
        {
            throw new PdfBudgetException(Exceeded);
        }
    }

    private long Remaining => _maxDecodedBytes - _decoded;

    private void Spend(long bytes, bool before)
    {
        if (before ? bytes > Remaining : (_decoded += bytes) > _maxDecodedBytes)
        {
            Exceeded ??= $"its compressed streams decode to more than {_maxDecodedBytes} bytes, the limit for one PDF (a compression bomb?)";
        }

        Check();
    }

    // Inflates without keeping the output, stopping one byte past what the budget has left: a 10 MB stream can
    // inflate to 10 GB, and PdfPig's own filter would hold all of it in memory before we saw its length.
    private long InflatedLength(ReadOnlySpan<byte> input)
    {
        if (input.Length < 2)
        {
            return 0;
        }

        long cap = Remaining + 1;
        long total = 0;
        try
        {
            // The zlib header (2 bytes) is skipped and the checksum ignored, as PDF readers do.
            using var source = new MemoryStream(input[2..].ToArray(), writable: false);
            using var inflate = new DeflateStream(source, CompressionMode.Decompress);
            var scratch = new byte[64 * 1024];
            int read;
            while (total < cap && (read = inflate.Read(scratch, 0, scratch.Length)) > 0)
            {
                total += read;
            }
        }
        catch (InvalidDataException)
        {
            // Broken data: counted as far as it went; PdfPig's filter decides what to do with the rest.
        }

        return total;
    }

    private sealed class BudgetFilterProvider(PdfReadBudget budget, IFilterProvider inner) : IFilterProvider
    {
        public IReadOnlyList<IFilter> GetFilters(DictionaryToken dictionary) => Wrap(inner.GetFilters(dictionary));

        public IReadOnlyList<IFilter> GetNamedFilters(IReadOnlyList<NameToken> names) => Wrap(inner.GetNamedFilters(names));

        public IReadOnlyList<IFilter> GetAllFilters() => Wrap(inner.GetAllFilters());

        private IReadOnlyList<IFilter> Wrap(IReadOnlyList<IFilter> filters) => [.. filters.Select(f => new BudgetFilter(budget, f))];
    }

    private sealed class BudgetFilter(PdfReadBudget budget, IFilter inner) : IFilter
    {
        public bool IsSupported => inner.IsSupported;

        public Memory<byte> Decode(Memory<byte> input, DictionaryToken streamDictionary, IFilterProvider filterProvider, int filterIndex)
        {
            budget.Check();
            if (inner is FlateFilter)
            {
                budget.Spend(budget.InflatedLength(input.Span), before: true);
            }

            var output = inner.Decode(input, streamDictionary, filterProvider, filterIndex);
            budget.Spend(output.Length, before: false);
            return output;
        }
    }
}

/// <summary>Reading a PDF ran over its <see cref="PdfReadBudget"/>.</summary>
internal sealed class PdfBudgetException(string reason) : Exception(reason);
