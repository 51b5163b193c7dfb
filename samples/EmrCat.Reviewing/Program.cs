// Reviewing a bank with EmrCat.Testing from its NuGet package: run ready-made properties against the bank and the
// session options; exit 1 when one fails. `dotnet run -- --demo-failure` points a property at a deliberately wrong
// scale to show what a failure looks like. The code between the reviewers markers is shown verbatim in
// docs/reviewers.md (.ci/steps/packages.sh checks that it matches).
using EmrCat.Banks;
using EmrCat.Scoring;
using EmrCat.Sessions;
using EmrCat.Testing;
using FsCheck;
using FsCheck.Fluent;

try
{
    if (args is ["--demo-failure"])
    {
        Check.QuickThrowOnFailure(EmrCatProperties.ScaledScoreIsMonotoneWith950AtTheCut(ReportingScale.Emr with { PassingScore = 900 }));
    }
    else
    {
        Review();
    }

    return 0;
}
catch (Exception e)
{
    // FsCheck's message names the failing case and every rule it broke.
    Console.Error.WriteLine(e.Message);
    return 1;
}

static void Review()
{
    // <reviewers>
    // Your bank: here one drawn from EmrCat.Testing's generators (EMR blueprint, 200 scored + 40 pilot items,
    // 8 enemy groups); point the properties at yours instead, e.g. one built with ItemBank.Create.
    ItemBank bank = EmrCatGen.EmrBank(scoredItems: 200, pilotItems: 40, enemyGroups: 8).Sample(1).Single();
    CatOptions options = CatOptions.Emr;

    // Each property runs 100 cases and throws, with the counterexample, when one fails.
    Check.QuickThrowOnFailure(EmrCatProperties.PassIffThetaAtLeastCut(bank, options));
    Check.QuickThrowOnFailure(EmrCatProperties.NoRepeatsAndNoEnemies(bank, options));
    Check.QuickThrowOnFailure(EmrCatProperties.PilotAnswersNeverChangeTheScore(bank, options));
    Check.QuickThrowOnFailure(EmrCatProperties.ScaledScoreIsMonotoneWith950AtTheCut(bank.Scale));
    Check.QuickThrowOnFailure(EmrCatProperties.EstimatesAreFinite(CatStrategies.For(bank, options).Estimator));

    // A failing session names the examinee, so you can replay it and look at every item it was given:
    SimulatedSession replay = new SimulatedExaminee(Seed: 42, TrueTheta: 0.1).Take(bank, options);
    Console.WriteLine(replay);
    // </reviewers>
}
