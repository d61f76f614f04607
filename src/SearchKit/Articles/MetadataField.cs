namespace SearchKit.Articles;

/// <summary>A metadata field an index knows: its logical name and the kind it learned.</summary>
/// <param name="Name">The field's name, case-sensitive as given (<c>category</c>, <c>tags</c>, <c>published</c>, <c>url</c> are always known).</param>
/// <param name="Kind">How its values are read, filtered and sorted.</param>
public sealed record MetadataField(string Name, FieldKind Kind);

/// <summary>A metadata field and how many live articles have at least one value of it.</summary>
/// <param name="Name">The field's name.</param>
/// <param name="Kind">Its kind.</param>
/// <param name="Articles">Live articles with a value.</param>
public sealed record MetadataFieldStats(string Name, FieldKind Kind, long Articles);
