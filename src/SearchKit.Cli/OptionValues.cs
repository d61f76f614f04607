using System.Reflection;
using Spectre.Console.Cli;

namespace SearchKit.Cli;

/// <summary>
/// Catches an option that takes a value written last with none (<c>search ferry --filter</c>): Spectre then hands
/// the option an internal placeholder as its value, which would surface as a baffling error about that placeholder.
/// </summary>
internal static class OptionValues
{
    private static readonly Lazy<HashSet<string>> ValueTaking = new(FindValueTakingOptions);

    /// <summary>Throws a usage error naming the option when the last argument is one that needs a value.</summary>
    public static void RequireTrailingValue(IReadOnlyList<string> args)
    {
        // The reflection runs only when the line ends in an option, so a normal start pays nothing for it.
        if (args.Count > 0 && args[^1].StartsWith('-') && ValueTaking.Value.Contains(args[^1]))
        {
            throw new UsageException($"option {args[^1]} needs a value");
        }
    }

    private static HashSet<string> FindValueTakingOptions()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var properties = typeof(OptionValues).Assembly.GetTypes()
            .Where(type => typeof(CommandSettings).IsAssignableFrom(type))
            .SelectMany(type => type.GetProperties(BindingFlags.Public | BindingFlags.Instance));
        foreach (var attribute in properties.Select(p => p.GetCustomAttribute<CommandOptionAttribute>()).OfType<CommandOptionAttribute>())
        {
            // "<VALUE>" is a required value; "[VALUE]" an optional one, which may well be left out.
            if (attribute.ValueName is not null && !attribute.ValueIsOptional)
            {
                names.UnionWith(attribute.LongNames.Select(name => "--" + name));
                names.UnionWith(attribute.ShortNames.Select(name => "-" + name));
            }
        }

        return names;
    }
}
