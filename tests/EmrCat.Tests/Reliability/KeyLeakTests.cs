using System.Reflection;
using System.Text.Json.Nodes;
using EmrCat.Banks;
using EmrCat.Irt;
using EmrCat.Sessions;

namespace EmrCat.Tests.Reliability;

/// <summary>
/// No key, rationale or pilot flag reaches a client before it answers: not in the type a client is shown
/// (<see cref="PresentedItem"/>, a separate type from <see cref="BankItem"/>), not in anything else
/// <see cref="CatSession"/> exposes before <c>Submit</c>, and not in the serialised item or snapshot.
/// </summary>
public class KeyLeakTests
{
    /// <summary>
    /// Members of <see cref="CatSession"/> that are the server's, never to be sent to a candidate: the bank itself
    /// (keys, rationales, pilot flags) and the result (only after the end; it marks pilots and right answers). Every
    /// other public member is checked below. <c>ScoredCount</c>, <c>PilotCount</c> and <c>Estimate</c> pass the check
    /// (no key, no flag on any item) but say after the fact whether an answered item was a pilot (the count moves, or
    /// θ̂ does not), so a host keeps them from the candidate mid-session too; the practice host shows neither.
    /// </summary>
    private static readonly HashSet<string> ServerSideMembers = ["Bank", "Result"];

    private static readonly Type[] ForbiddenTypes = [typeof(BankItem), typeof(ItemBank), typeof(ItemParameters), typeof(ItemStatus)];

    private static readonly string[] ForbiddenNames = ["Key", "Rationale", "IsPilot", "Pilot", "Correct", "IsCorrect", "Parameters"];

    [Fact]
    public void PresentedItem_Type_IsNotABankItemAndHasNoKeyRationaleOrPilotFlag()
    {
        Assert.False(typeof(BankItem).IsAssignableFrom(typeof(PresentedItem)));
        Assert.False(typeof(PresentedItem).IsAssignableFrom(typeof(BankItem)));
        Assert.Equal(["Position", "ItemId", "DomainName", "Type", "Stem", "Options"], typeof(PresentedItem).GetProperties().Select(p => p.Name));
        Assert.Empty(Leaks(typeof(PresentedItem)));
    }

    [Fact]
    public void CatSession_PublicMembersBeforeSubmit_ReachNoKeyRationaleOrPilotFlag()
    {
        var members = typeof(CatSession).GetMembers(BindingFlags.Public | BindingFlags.Instance)
            .Where(m => m.DeclaringType == typeof(CatSession) && m is PropertyInfo or MethodInfo { IsSpecialName: false })
            .Where(m => !ServerSideMembers.Contains(m.Name))
            .ToList();

        Assert.Contains(members, m => m.Name == "Current");
        Assert.Contains(members, m => m.Name == "Snapshot");
        Assert.Contains(members, m => m.Name == "Answers");
        foreach (var member in members)
        {
            var type = member switch { PropertyInfo p => p.PropertyType, MethodInfo m => m.ReturnType, _ => typeof(void) };
            Assert.True(Leaks(type).Count == 0, $"CatSession.{member.Name} ({type.Name}) reaches {string.Join(", ", Leaks(type))}");
        }
    }

    [Fact]
    public void SessionJsonOfTheCurrentItemAndSnapshot_ThroughAWholeSession_HoldNoKeyOrRationale()
    {
        var bank = WithSecretRationales(TestBanks.Emr);
        var session = CatSession.Start(bank, CatOptions.Quick, 77);
        while (!session.IsFinished)
        {
            var current = session.Current;
            var item = bank.Items[Index(bank, current.ItemId)];
            string itemJson = SessionJson.Serialize(current), snapshotJson = session.Snapshot().ToJson();
            foreach (string json in new[] { itemJson, snapshotJson })
            {
                Assert.DoesNotContain("SECRET", json, StringComparison.Ordinal);
                Assert.DoesNotContain(PropertyNames(json), name => ForbiddenNames.Contains(name, StringComparer.OrdinalIgnoreCase));
            }

            Assert.DoesNotContain(item.Rationale, itemJson, StringComparison.Ordinal);
            session.Submit(current.ItemId, item.Options[session.AnsweredCount % item.Options.Count].Id);
        }

        Assert.Contains(session.Result.Items, i => i.IsPilot); // pilots were among the items shown, unmarked
    }

    [Fact]
    public void CurrentItemAndSnapshot_BeforeAnswering_AreTheSameWhateverTheKeysAndRationales()
    {
        var bank = TestBanks.Emr;
        var rekeyed = ItemBank.Create(
            bank.Metadata,
            bank.Scale,
            bank.Blueprint,
            bank.Items.Select(i => i with { Key = [i.Options.First(o => o.Id != i.Key[0]).Id], Rationale = "Other reasons." }),
            bank.EnemyGroups);

        var a = CatSession.Start(bank, CatOptions.Quick, 5);
        var b = CatSession.Start(rekeyed, CatOptions.Quick, 5);

        Assert.Equal(SessionJson.Serialize(a.Current), SessionJson.Serialize(b.Current));
        Assert.Equal(WithoutBankFingerprint(a.Snapshot().ToJson()), WithoutBankFingerprint(b.Snapshot().ToJson()));
    }

    /// <summary>Forbidden types and property names reachable from <paramref name="root"/> through public properties and element types.</summary>
    private static List<string> Leaks(Type root)
    {
        var leaks = new List<string>();
        var seen = new HashSet<Type>();
        void Visit(Type type, string path)
        {
            type = Nullable.GetUnderlyingType(type) ?? type;
            if (!seen.Add(type)) return;
            if (ForbiddenTypes.Contains(type)) leaks.Add($"{path}: {type.Name}");
            if (type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(TimeSpan) || type == typeof(void)) return;
            if (type.IsArray)
            {
                Visit(type.GetElementType()!, path + "[]");
                return;
            }

            if (type.IsGenericType && type.Namespace?.StartsWith("System", StringComparison.Ordinal) == true)
            {
                foreach (var argument in type.GetGenericArguments()) Visit(argument, $"{path}<{argument.Name}>");
                return;
            }

            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                if (ForbiddenNames.Contains(property.Name)) leaks.Add($"{path}.{property.Name}");
                Visit(property.PropertyType, $"{path}.{property.Name}");
            }
        }

        Visit(root, root.Name);
        return leaks;
    }

    private static ItemBank WithSecretRationales(ItemBank bank) => ItemBank.Create(
        bank.Metadata, bank.Scale, bank.Blueprint, bank.Items.Select(i => i with { Rationale = $"SECRET rationale of {i.Id}." }), bank.EnemyGroups);

    private static int Index(ItemBank bank, string id) => bank.TryGetIndex(id, out int index) ? index : throw new InvalidOperationException(id);

    private static IEnumerable<string> PropertyNames(string json)
    {
        var names = new List<string>();
        void Walk(JsonNode? node)
        {
            if (node is JsonObject o)
            {
                foreach (var (name, child) in o)
                {
                    names.Add(name);
                    Walk(child);
                }
            }
            else if (node is JsonArray a)
            {
                foreach (var child in a) Walk(child);
            }
        }

        Walk(JsonNode.Parse(json));
        return names;
    }

    private static string WithoutBankFingerprint(string json)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        node.Remove("bankFingerprint");
        node.Remove("checksum");
        return node.ToJsonString();
    }
}
