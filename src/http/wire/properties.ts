// Properties and property groups as the Properties API answers them.
import type { PropertyGroupView, PropertyView } from '../../core/use-cases/property-definitions.js';

/** HubSpot's `Property`: times and hints only where the definition has them. */
export function propertyToWire(view: PropertyView) {
  return {
    name: view.name,
    label: view.label,
    type: view.type,
    fieldType: view.fieldType,
    groupName: view.groupName,
    description: view.description,
    options: view.options,
    displayOrder: view.displayOrder,
    hasUniqueValue: view.hasUniqueValue,
    hidden: view.hidden,
    formField: view.formField,
    calculated: view.calculated,
    externalOptions: view.externalOptions ?? false,
    hubspotDefined: view.hubspotDefined,
    archived: view.archivedAt !== null,
    ...(view.archivedAt === null ? {} : { archivedAt: view.archivedAt }),
    ...(view.createdAt === null ? {} : { createdAt: view.createdAt }),
    ...(view.updatedAt === null ? {} : { updatedAt: view.updatedAt }),
    ...(view.calculationFormula === undefined
      ? {}
      : { calculationFormula: view.calculationFormula }),
    ...(view.currencyPropertyName === undefined
      ? {}
      : { currencyPropertyName: view.currencyPropertyName }),
    ...(view.referencedObjectType === undefined
      ? {}
      : { referencedObjectType: view.referencedObjectType }),
    ...(view.numberDisplayHint === undefined ? {} : { numberDisplayHint: view.numberDisplayHint }),
    ...(view.textDisplayHint === undefined ? {} : { textDisplayHint: view.textDisplayHint }),
    ...(view.showCurrencySymbol === undefined
      ? {}
      : { showCurrencySymbol: view.showCurrencySymbol }),
    ...(view.dataSensitivity === undefined ? {} : { dataSensitivity: view.dataSensitivity }),
    modificationMetadata: {
      archivable: view.archivable,
      readOnlyDefinition: view.readOnlyDefinition,
      readOnlyValue: view.readOnlyValue,
      readOnlyOptions: view.readOnlyDefinition,
    },
  };
}

/** HubSpot's `PropertyGroup`. */
export function groupToWire(view: PropertyGroupView) {
  return {
    name: view.name,
    label: view.label,
    displayOrder: view.displayOrder,
    archived: view.archivedAt !== null,
  };
}
