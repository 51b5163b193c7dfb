namespace EmrCat.Banks.Json;

/// <summary>The shape a JSON value must have; checked by <see cref="BankJsonChecker"/> before anything is deserialized.</summary>
internal abstract record JsonShape
{
    /// <summary>What the value is, for messages: "a string", "an object".</summary>
    public abstract string Expected { get; }
}

/// <summary>A string, optionally non-empty or one of a fixed set of values.</summary>
internal sealed record StringShape(bool NonEmpty = false, IReadOnlyList<string>? Allowed = null) : JsonShape
{
    public override string Expected => "a string";
}

/// <summary>A finite number, optionally one fixed value.</summary>
/// <param name="Const">The one value allowed, or null for any.</param>
/// <param name="Hint">Said after the message when the value is not <paramref name="Const"/>.</param>
internal sealed record NumberShape(double? Const = null, string? Hint = null) : JsonShape
{
    public override string Expected => "a number";
}

/// <summary>An array whose elements all have one shape.</summary>
internal sealed record ArrayShape(JsonShape Element, int MinItems = 0) : JsonShape
{
    public override string Expected => "an array";
}

/// <summary>A string, or an array of strings (an item's key).</summary>
internal sealed record StringOrStringArrayShape : JsonShape
{
    public override string Expected => "a string or an array of strings";
}

/// <summary>A field of an object.</summary>
/// <param name="Name">The field's name, exactly (case-sensitive).</param>
/// <param name="Shape">The shape of its value.</param>
/// <param name="Required">Whether it must be present.</param>
internal sealed record JsonField(string Name, JsonShape Shape, bool Required = true);

/// <summary>An object with a closed set of fields: unknown fields are an error.</summary>
/// <param name="Noun">What the object is, for messages: "an item", "the scale".</param>
/// <param name="Fields">The fields, in documented order.</param>
/// <param name="IsBankItem">Whether problems inside it carry the item's id and item-relative field names.</param>
internal sealed record ObjectShape(string Noun, IReadOnlyList<JsonField> Fields, bool IsBankItem = false) : JsonShape
{
    public override string Expected => "an object";

    public JsonField? Find(string name, StringComparison comparison = StringComparison.Ordinal) =>
        Fields.FirstOrDefault(f => string.Equals(f.Name, name, comparison));
}

/// <summary>
/// The bank file format, version 2, as shapes. <c>item-bank/schema/emrcat-bank.schema.json</c> describes the same
/// format for editors; a test checks that both name the same fields.
/// </summary>
internal static class BankJsonFormat
{
    public const int FormatVersion = 2;

    /// <summary>What to change in an older file; format version 1 is not read any more.</summary>
    public const string VersionHint =
        "Version 1 files are not read any more: version 2 lists an item's enemy groups in \"enemyGroups\" (an array) instead of \"enemyGroup\", " +
        "takes tags only from a fixed set, and adds optional \"review\" and \"sources\"; see item-bank/README.md.";

    public static IReadOnlyList<string> Calibrations { get; } = ["provisional", "calibrated"];

    public static IReadOnlyList<string> ItemTypes { get; } = ["single", "multiple", "ordered"];

    public static IReadOnlyList<string> ItemStatuses { get; } = ["scored", "pilot"];

    public static IReadOnlyList<string> Models { get; } = ["1PL", "2PL", "3PL", "4PL", "GPCM", "PCM", "GRM"];

    public static IReadOnlyList<string> ScoringRules { get; } = ["allOrNothing", "rightMinusWrong", "adjacentPairs"];

    public static ObjectShape Option { get; } = new("an option",
    [
        new("id", new StringShape()),
        new("text", new StringShape()),
    ]);

    public static ObjectShape Irt { get; } = new("the irt object",
    [
        // Which of the other fields a model needs (and allows) is checked by BankJsonMapper, with the model named.
        new("model", new StringShape(Allowed: Models)),
        new("a", new NumberShape(), Required: false),
        new("b", new NumberShape(), Required: false),
        new("c", new NumberShape(), Required: false),
        new("d", new NumberShape(), Required: false),
        new("steps", new ArrayShape(new NumberShape()), Required: false),
        new("thresholds", new ArrayShape(new NumberShape()), Required: false),
    ]);

    public static ObjectShape Review { get; } = new("the review object",
    [
        new("guideline", new StringShape(NonEmpty: true)),
        new("date", new StringShape(NonEmpty: true)),
        new("reviewerRole", new StringShape(NonEmpty: true)),
    ]);

    public static ObjectShape Source { get; } = new("a content source",
    [
        new("id", new StringShape(NonEmpty: true)),
        new("title", new StringShape(NonEmpty: true)),
        new("url", new StringShape(NonEmpty: true), Required: false),
    ]);

    public static ObjectShape Item { get; } = new("an item",
    [
        new("id", new StringShape()),
        new("domain", new StringShape()),
        new("type", new StringShape(Allowed: ItemTypes)),
        new("status", new StringShape(Allowed: ItemStatuses)),
        new("topic", new StringShape()),
        new("tags", new ArrayShape(new StringShape(Allowed: ItemTags.All))),
        new("stem", new StringShape()),
        new("options", new ArrayShape(Option)),
        new("key", new StringOrStringArrayShape()),
        new("scoring", new StringShape(Allowed: ScoringRules), Required: false),
        new("rationale", new StringShape()),
        new("irt", Irt),
        new("enemyGroups", new ArrayShape(new StringShape(NonEmpty: true)), Required: false),
        new("review", Review, Required: false),
        new("typicalSeconds", new NumberShape(), Required: false),
    ], IsBankItem: true);

    public static ObjectShape Scale { get; } = new("the scale",
    [
        new("cutTheta", new NumberShape()),
        new("passingScore", new NumberShape()),
        new("minimum", new NumberShape()),
        new("maximum", new NumberShape()),
        new("pointsPerLogit", new NumberShape()),
    ]);

    public static ObjectShape Domain { get; } = new("a blueprint domain",
    [
        new("id", new StringShape()),
        new("name", new StringShape()),
        new("minShare", new NumberShape()),
        new("maxShare", new NumberShape()),
    ]);

    public static ObjectShape Blueprint { get; } = new("the blueprint",
    [
        new("domains", new ArrayShape(Domain, MinItems: 1)),
    ]);

    public static ObjectShape EnemyGroup { get; } = new("an enemy group",
    [
        new("id", new StringShape()),
        new("description", new StringShape()),
    ]);

    public static ObjectShape Bank { get; } = new("a bank",
    [
        new("$schema", new StringShape(), Required: false),
        new("formatVersion", new NumberShape(Const: FormatVersion, Hint: VersionHint)),
        new("id", new StringShape(NonEmpty: true)),
        new("title", new StringShape(NonEmpty: true)),
        new("version", new StringShape(NonEmpty: true)),
        new("language", new StringShape(NonEmpty: true)),
        new("calibration", new StringShape(Allowed: Calibrations)),
        new("scale", Scale),
        new("blueprint", Blueprint),
        new("sources", new ArrayShape(Source), Required: false),
        new("enemyGroups", new ArrayShape(EnemyGroup), Required: false),
        new("items", new ArrayShape(Item)),
    ]);
}
