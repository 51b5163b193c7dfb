using System.Collections.Immutable;

namespace EmrCat.Candidates;

/// <summary>
/// A short EMR can/cannot list, consistent with the National EMS Scope of Practice Model 2019 including Change Notices
/// 1.0 and 2.0 (NHTSA, DOT HS 813 151) for the Emergency Medical Responder, and with the 2024 American Heart
/// Association and American Red Cross Guidelines for First Aid, which every first-aid provider (and so every EMR)
/// follows. The bundled bank's scope items agree with it (a test checks them). States set the legal scope, so a
/// candidate's own state list and protocols take precedence.
/// </summary>
/// <remarks>
/// Settled points: helping a patient use his or her own prescribed epinephrine auto-injector or asthma inhaler, giving
/// glucose by mouth to a patient who is awake and can swallow, and letting an alert adult with chest pain chew aspirin
/// are first aid (2024 AHA/Red Cross) and so within what an EMR does where protocol allows; giving medications from an
/// EMS supply beyond oxygen and naloxone is EMT level and above. Whether an EMR applies a cervical collar is left to
/// state protocol: the bank keys no item on it, only on manual stabilization, which is an EMR skill everywhere.
/// </remarks>
public static class EmrScopeOfPractice
{
    /// <summary>Interventions within EMR scope.</summary>
    public static IReadOnlyList<string> Can { get; } = ImmutableArray.Create(
        "Open the airway manually (head-tilt/chin-lift, jaw thrust), place a breathing unresponsive patient in the recovery position, and relieve choking with back blows and abdominal or chest thrusts",
        "Insert an oropharyngeal or nasopharyngeal airway and suction the upper airway",
        "Ventilate with a bag-valve mask (BVM) or a mouth-to-barrier device, and give oxygen by nasal cannula or non-rebreather mask",
        "Perform CPR and use an AED",
        "Control bleeding with direct pressure, a tourniquet or wound packing",
        "Hold manual stabilization of the spine and extremities, and move patients in an emergency",
        "Give naloxone (intranasal or auto-injector) and use auto-injector antidotes for self or peer rescue",
        "Help a patient use his or her own prescribed epinephrine auto-injector or asthma inhaler (first aid)",
        "Give glucose by mouth to a patient who is awake and can swallow, and let an alert adult with chest pain chew aspirin unless allergic or told not to (first aid)",
        "Recognize obvious death (decapitation, rigor mortis, dependent lividity, decomposition) or a valid DNR order and withhold resuscitation",
        "Recognize a hazardous-materials scene, isolate the area and deny entry until trained teams arrive (awareness level), and assist a normal childbirth");

    /// <summary>Actions above EMR scope (EMT level or higher, or another discipline's training).</summary>
    public static IReadOnlyList<string> Cannot { get; } = ImmutableArray.Create(
        "Place an advanced airway (supraglottic or endotracheal) or apply CPAP",
        "Start an IV or IO line, or give fluids or dextrose through one",
        "Give medications from an EMS supply beyond oxygen and naloxone, or assist with nitroglycerin or a nebulizer (EMT level and above)",
        "Apply a traction splint or immobilize a patient on a long backboard (EMT level)",
        "Interpret ECGs or heart rhythms, defibrillate manually, cardiovert or pace",
        "Decompress a chest with a needle or open a surgical airway",
        "Pronounce death, or stop resuscitation because it seems futile",
        "Enter a hazardous-materials hot zone or do technical rescue without the training for it");
}
