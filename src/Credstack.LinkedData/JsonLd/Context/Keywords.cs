namespace Credstack.LinkedData.JsonLd.Context;

/// <summary>The JSON-LD 1.1 keywords (JSON-LD 1.1 §1.7) and the "form of a keyword" test.</summary>
internal static class Keywords
{
    public const string Base = "@base";
    public const string Container = "@container";
    public const string Context = "@context";
    public const string Default = "@default";
    public const string Direction = "@direction";
    public const string Graph = "@graph";
    public const string Id = "@id";
    public const string Import = "@import";
    public const string Included = "@included";
    public const string Index = "@index";
    public const string Json = "@json";
    public const string Language = "@language";
    public const string List = "@list";
    public const string Nest = "@nest";
    public const string None = "@none";
    public const string Prefix = "@prefix";
    public const string Propagate = "@propagate";
    public const string Protected = "@protected";
    public const string Reverse = "@reverse";
    public const string Set = "@set";
    public const string Type = "@type";
    public const string Value = "@value";
    public const string Version = "@version";
    public const string Vocab = "@vocab";

    /// <summary>Whether <paramref name="value"/> is a JSON-LD keyword.</summary>
    public static bool IsKeyword(string? value)
    {
        if (value is null || value.Length < 3 || value[0] != '@')
        {
            return false;
        }
        return value switch
        {
            Base
            or Container
            or Context
            or Default
            or Direction
            or Graph
            or Id
            or Import
            or Included
            or Index
            or Json
            or Language
            or List
            or Nest
            or None
            or Prefix
            or Propagate
            or Protected
            or Reverse
            or Set
            or Type
            or Value
            or Version
            or Vocab => true,
            _ => false,
        };
    }

    /// <summary>
    /// Whether <paramref name="value"/> has the form of a keyword: "@" followed by one or more ALPHA
    /// characters (JSON-LD 1.1 API §4.2.2 step 5). Such strings are reserved and ignored.
    /// </summary>
    public static bool HasKeywordForm(string value)
    {
        if (value.Length < 2 || value[0] != '@')
        {
            return false;
        }
        for (var i = 1; i < value.Length; i++)
        {
            var c = value[i];
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')))
            {
                return false;
            }
        }
        return true;
    }
}
