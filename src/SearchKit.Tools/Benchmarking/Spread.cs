namespace SearchKit.Benchmarking;

/// <summary>The median, smallest and largest of a measurement over the runs.</summary>
/// <param name="Median">The median (the mean of the middle two for an even count).</param>
/// <param name="Min">The smallest value.</param>
/// <param name="Max">The largest value.</param>
public readonly record struct Spread(double Median, double Min, double Max)
{
    /// <summary>The spread of some values; all zero when there are none.</summary>
    public static Spread Of(IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return default;
        }

        int mid = sorted.Length / 2;
        double median = sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
        return new Spread(median, sorted[0], sorted[^1]);
    }
}
