using System.Text.Json.Serialization;

namespace EmrCat.Server.Storage;

/// <summary>Source-generated JSON for the answer column (option ids as a JSON array).</summary>
[JsonSerializable(typeof(string[]))]
internal sealed partial class StoreJson : JsonSerializerContext
{
}
