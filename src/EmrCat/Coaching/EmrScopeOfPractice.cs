using System.Collections.Immutable;

namespace EmrCat.Coaching;

/// <summary>
/// A short EMR can/cannot list, consistent with the National EMS Scope of Practice Model 2019 (NHTSA, DOT HS 812 666)
/// for the Emergency Medical Responder: the minimum skill set at EMR level and common actions that belong to higher
/// levels. States set the legal scope, so a candidate's own state list and protocols take precedence.
/// </summary>
public static class EmrScopeOfPractice
{
    /// <summary>Interventions within EMR scope.</summary>
    public static IReadOnlyList<string> Can { get; } = ImmutableArray.Create(
        "Open the airway manually (head-tilt/chin-lift, jaw thrust) and relieve an obstruction manually",
        "Insert an oropharyngeal or nasopharyngeal airway and suction the upper airway",
        "Ventilate with a bag-valve mask or a mouth-to-barrier device, and give oxygen by nasal cannula or non-rebreather mask",
        "Perform CPR and use an AED",
        "Control bleeding with direct pressure, a tourniquet or wound packing",
        "Stabilise the spine and extremities manually, and move patients in an emergency",
        "Give naloxone (intranasal or auto-injector) and use auto-injector antidotes for self or peer rescue",
        "Assist a normal childbirth");

    /// <summary>Actions above EMR scope (EMT level or higher).</summary>
    public static IReadOnlyList<string> Cannot { get; } = ImmutableArray.Create(
        "Place an advanced airway (supraglottic or endotracheal) or apply CPAP",
        "Start an IV or IO line",
        "Give other medications, such as aspirin, oral glucose or nitroglycerin (EMT level and above)",
        "Apply a traction splint or a cervical collar (EMT level); an EMR stabilises manually",
        "Interpret ECGs, defibrillate manually, cardiovert or pace",
        "Decompress a chest with a needle or open a surgical airway");
}
