using System.Text.Encodings.Web;
using System.Text.Json;
using EmrCat.Irt;

namespace EmrCat.Banks.Json;

/// <summary>
/// Writes a bank in the JSON format, version 1, field by field in the order <see cref="BankJsonFormat"/> lists them,
/// so a saved bank reads back (<see cref="EmrCat.IO.ItemBankJson"/>) with the same fingerprint and diffs cleanly against its source.
/// </summary>
internal static class BankJsonWriter
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        // Item text is prose ("patient's", "<"); the file is UTF-8 and never embedded in HTML, so keep it readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void Write(Stream utf8, ItemBank bank)
    {
        if (bank.Metric.ScalingConstant != IrtMetric.Logistic.ScalingConstant)
        {
            throw new ArgumentException($"Bank '{bank.Metadata.Id}' uses the scaling constant D = {bank.Metric.ScalingConstant}; the JSON format (version 1) stores logistic parameters (D = 1) and has no metric field, so it would be read back as another bank.", nameof(bank));
        }

        if (bank.Blueprint.IsEmpty)
        {
            throw new ArgumentException($"Bank '{bank.Metadata.Id}' has no blueprint; the JSON format requires one with at least one domain.", nameof(bank));
        }

        using var json = new Utf8JsonWriter(utf8, Options);
        json.WriteStartObject();
        json.WriteNumber("formatVersion", BankJsonFormat.FormatVersion);
        json.WriteString("id", bank.Metadata.Id);
        json.WriteString("title", bank.Metadata.Title);
        json.WriteString("version", bank.Metadata.Version);
        json.WriteString("language", bank.Metadata.Language);
        json.WriteString("calibration", bank.Metadata.Calibration == CalibrationStatus.Calibrated ? "calibrated" : "provisional");

        json.WriteStartObject("scale");
        json.WriteNumber("cutTheta", bank.Scale.CutTheta);
        json.WriteNumber("passingScore", bank.Scale.PassingScore);
        json.WriteNumber("minimum", bank.Scale.Minimum);
        json.WriteNumber("maximum", bank.Scale.Maximum);
        json.WriteNumber("pointsPerLogit", bank.Scale.PointsPerLogit);
        json.WriteEndObject();

        json.WriteStartObject("blueprint");
        json.WriteStartArray("domains");
        foreach (var domain in bank.Blueprint.Domains)
        {
            json.WriteStartObject();
            json.WriteString("id", domain.Id);
            json.WriteString("name", domain.Name);
            json.WriteNumber("minShare", domain.MinShare);
            json.WriteNumber("maxShare", domain.MaxShare);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();

        if (bank.Metadata.Sources.Count > 0)
        {
            json.WriteStartArray("sources");
            foreach (var source in bank.Metadata.Sources)
            {
                json.WriteStartObject();
                json.WriteString("id", source.Id);
                json.WriteString("title", source.Title);
                if (source.Url is { } url) json.WriteString("url", url);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        json.WriteStartArray("enemyGroups");
        foreach (var group in bank.EnemyGroups)
        {
            json.WriteStartObject();
            json.WriteString("id", group.Id);
            json.WriteString("description", group.Description);
            json.WriteEndObject();
        }

        json.WriteEndArray();

        json.WriteStartArray("items");
        foreach (var item in bank.Items) WriteItem(json, item);
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteItem(Utf8JsonWriter json, BankItem item)
    {
        json.WriteStartObject();
        json.WriteString("id", item.Id);
        json.WriteString("domain", item.Domain);
        json.WriteString("type", item.Type switch { ItemType.Multiple => "multiple", ItemType.Ordered => "ordered", _ => "single" });
        json.WriteString("status", item.Status == ItemStatus.Pilot ? "pilot" : "scored");
        json.WriteString("topic", item.Topic);
        json.WriteStartArray("tags");
        foreach (string tag in item.Tags) json.WriteStringValue(tag);
        json.WriteEndArray();
        json.WriteString("stem", item.Stem);
        json.WriteStartArray("options");
        foreach (var option in item.Options)
        {
            json.WriteStartObject();
            json.WriteString("id", option.Id);
            json.WriteString("text", option.Text);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        if (item.Type == ItemType.Single)
        {
            json.WriteString("key", item.Key[0]);
        }
        else
        {
            json.WriteStartArray("key");
            foreach (string id in item.Key) json.WriteStringValue(id);
            json.WriteEndArray();
        }

        if (item.Scoring != ScoringRule.AllOrNothing)
        {
            json.WriteString("scoring", item.Scoring == ScoringRule.RightMinusWrong ? "rightMinusWrong" : "adjacentPairs");
        }

        json.WriteString("rationale", item.Rationale);
        var p = item.Parameters;
        json.WriteStartObject("irt");
        if (p.IsPolytomous)
        {
            json.WriteString("model", p.Model switch { IrtModel.GradedResponse => "GRM", IrtModel.PartialCredit => "PCM", _ => "GPCM" });
            if (p.Model != IrtModel.PartialCredit) json.WriteNumber("a", p.A);
            json.WriteStartArray(p.Model == IrtModel.GradedResponse ? "thresholds" : "steps");
            foreach (double t in p.Thresholds) json.WriteNumberValue(t);
            json.WriteEndArray();
        }
        else
        {
            json.WriteString("model", p.Model switch { IrtModel.OnePL => "1PL", IrtModel.TwoPL => "2PL", IrtModel.ThreePL => "3PL", _ => "4PL" });
            json.WriteNumber("a", p.A);
            json.WriteNumber("b", p.B);
            json.WriteNumber("c", p.C);
            json.WriteNumber("d", p.D);
        }

        json.WriteEndObject();
        if (item.EnemyGroups.Count > 0)
        {
            json.WriteStartArray("enemyGroups");
            foreach (string group in item.EnemyGroups) json.WriteStringValue(group);
            json.WriteEndArray();
        }

        if (item.TypicalSeconds is { } typical) json.WriteNumber("typicalSeconds", typical);
        if (item.Review is { } review)
        {
            json.WriteStartObject("review");
            json.WriteString("guideline", review.Guideline);
            json.WriteString("date", review.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteString("reviewerRole", review.ReviewerRole);
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }
}
