using System.CommandLine;
using System.Globalization;
using EmrCat.IO;
using EmrCat.Banks;
using EmrCat.Estimation;
using EmrCat.Sessions;
using EmrCat.Stopping;

namespace EmrCat.Practice.Commands;

/// <summary>
/// The bank and session options shared by <c>simulate</c>, <c>calibrate-exposure</c> and <c>diagnose</c>: a workload
/// preset, then overrides (cut, prior, stopping rule, decision estimator, exposure parameters). The study commands
/// only translate flags into <see cref="CatOptions"/> values; the library maps those to strategies.
/// </summary>
internal sealed class StudyOptions
{
    public Option<string> Bank { get; } = new("--bank") { Description = "Bank: the JSON bank or an id,a,b,c,d CSV. Default: the bundled bank.", DefaultValueFactory = _ => BankFiles.DefaultBankPath };
    public Option<string> Workload { get; } = new("--workload") { Description = "emr (the exam preset), quick, or w1 (fixed 30 items, MFI, ML in [-4, 4]).", DefaultValueFactory = _ => "emr" };
    public Option<double?> Cut { get; } = new("--cut") { Description = "Move the bank's cut to this θ (the scale's 950 moves with it)." };
    public Option<double?> PriorMean { get; } = new("--prior-mean") { Description = "Mean of the EAP/MAP prior (default 0)." };
    public Option<double?> PriorSd { get; } = new("--prior-sd") { Description = "SD of the EAP/MAP prior (default 1)." };
    public Option<bool> PriorAtCut { get; } = new("--prior-at-cut") { Description = "Centre the prior at the cut." };
    public Option<string?> Stopping { get; } = new("--stopping") { Description = "Classification rule: ci (95% interval, default), sprt or glr." };
    public Option<double?> Indifference { get; } = new("--indifference") { Description = "SPRT/GLR indifference half-width δ in logits (default 0.2)." };
    public Option<double?> Confidence { get; } = new("--confidence") { Description = "Confidence of the classification (default 0.95; SPRT/GLR error rates are 1 − it)." };
    public Option<string?> DecisionEstimator { get; } = new("--decision-estimator") { Description = "Estimator of the final θ̂ and decision: eap, map, mle or wle (default: the interim one)." };
    public Option<string?> Exposure { get; } = new("--exposure") { Description = "Sympson–Hetter parameters: a .exposure.json file, or 'none'. Default: the file beside the bank when the workload is emr or quick." };

    public IEnumerable<Option> All => [Bank, Workload, Cut, PriorMean, PriorSd, PriorAtCut, Stopping, Indifference, Confidence, DecisionEstimator, Exposure];

    public void AddTo(Command command)
    {
        foreach (var option in All) command.Options.Add(option);
    }

    /// <summary>Loads the bank and builds the options, or writes one error and returns the exit code (1 bad input, 2 bad arguments).</summary>
    public int Resolve(ParseResult parse, TextWriter stderr, out ItemBank bank, out CatOptions options, out string workload)
    {
        bank = null!;
        options = null!;
        workload = parse.GetValue(Workload)!.ToLowerInvariant();
        var preset = SimulateCommand.Workload(workload);
        if (preset is null)
        {
            stderr.WriteLine($"error: unknown workload '{workload}'; use emr, quick or w1.");
            return 2;
        }

        string bankPath = parse.GetValue(Bank)!;
        try
        {
            bank = BankFiles.Load(bankPath);
        }
        catch (Exception e) when (e is InputFormatException or BankValidationException)
        {
            stderr.WriteLine($"error: {e.Message}");
            return 1;
        }

        // A CSV bank has no blueprint and no pilot items: run the preset without pilots.
        if (bank.Blueprint.IsEmpty && preset.PilotItems > 0) preset = preset with { PilotItems = 0 };

        if (parse.GetValue(Cut) is { } cut)
        {
            if (!double.IsFinite(cut))
            {
                stderr.WriteLine("error: --cut must be a finite θ.");
                return 2;
            }

            try
            {
                bank = ItemBank.Create(bank.Metadata, bank.Scale with { CutTheta = cut }, bank.Blueprint, bank.Items, bank.EnemyGroups, bank.Metric);
            }
            catch (BankValidationException e)
            {
                stderr.WriteLine($"error: --cut {cut.ToString(CultureInfo.InvariantCulture)}: {e.Message}");
                return 2;
            }
        }

        if (parse.GetValue(PriorMean) is { } mean) preset = preset with { PriorMean = mean };
        if (parse.GetValue(PriorSd) is { } sd) preset = preset with { PriorStandardDeviation = sd };
        if (parse.GetValue(PriorAtCut)) preset = preset with { PriorAtCut = true };
        if (parse.GetValue(Indifference) is { } delta) preset = preset with { IndifferenceHalfWidth = delta };
        if (parse.GetValue(Confidence) is { } confidence) preset = preset with { Confidence = confidence };
        if (parse.GetValue(Stopping) is { } stopping)
        {
            ClassificationMethod? method = stopping.ToLowerInvariant() switch
            {
                "ci" => ClassificationMethod.ConfidenceInterval,
                "sprt" => ClassificationMethod.SequentialProbabilityRatio,
                "glr" => ClassificationMethod.GeneralizedLikelihoodRatio,
                _ => null,
            };
            if (method is null)
            {
                stderr.WriteLine($"error: unknown --stopping '{stopping}'; use ci, sprt or glr.");
                return 2;
            }

            preset = preset with { Classification = method.Value, ConfidenceStop = true };
        }

        if (parse.GetValue(DecisionEstimator) is { } final)
        {
            EstimatorKind? kind = final.ToLowerInvariant() switch
            {
                "eap" => EstimatorKind.ExpectedAPosteriori,
                "map" => EstimatorKind.MaximumAPosteriori,
                "mle" => EstimatorKind.MaximumLikelihood,
                "wle" => EstimatorKind.WeightedLikelihood,
                _ => null,
            };
            if (kind is null)
            {
                stderr.WriteLine($"error: unknown --decision-estimator '{final}'; use eap, map, mle or wle.");
                return 2;
            }

            preset = preset with { DecisionEstimator = kind };
        }

        string? exposure = parse.GetValue(Exposure);
        bool beside = false;
        if (exposure is null && workload is "emr" or "quick")
        {
            string path = ExposureParameterFile.PathFor(bankPath);
            if (File.Exists(path)) (exposure, beside) = (path, true);
        }

        if (exposure is not null && exposure != "none")
        {
            try
            {
                // The preset's own file is used only for the bank it was made for; one named with --exposure is used
                // on any bank that has its items (with a warning when the bank differs).
                if (beside && !ExposureParameterFile.Read(exposure).IsFor(bank))
                {
                    stderr.WriteLine($"warning: {exposure} was made for another version of this bank and is not used; recalibrate with calibrate-exposure.");
                }
                else
                {
                    var file = ExposureParameterFile.Load(exposure, bank);
                    if (!file.IsFor(bank)) stderr.WriteLine($"warning: {exposure} was calibrated on bank '{file.BankId}' version {file.BankVersion}, not on this one; recalibrate with calibrate-exposure.");
                    preset = preset with { ExposureParameters = file.Parameters, ConditionalExposure = file.Conditional };
                }
            }
            catch (InputFormatException e)
            {
                stderr.WriteLine($"error: {e.Message}");
                return 1;
            }
        }

        var problems = preset.Validate(bank);
        if (problems.Count > 0)
        {
            stderr.WriteLine("error: " + string.Join(" ", problems));
            return 2;
        }

        options = preset;
        return 0;
    }
}
